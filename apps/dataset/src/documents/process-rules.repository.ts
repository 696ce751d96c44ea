import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DatasetProcessRule } from '@sluice/database';
import type { ProcessRule } from '@sluice/rag';

/** Dify's `dataset_process_rules`: one row per rule a document was created or re-processed with. */
@Injectable()
export class ProcessRulesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tenantId: string, datasetId: string, rule: ProcessRule, createdBy: string | null): Promise<DatasetProcessRule> {
    const repo = this.ds.getRepository(DatasetProcessRule);
    return repo.save(repo.create({ tenantId, datasetId, mode: rule.mode, rules: rule.rules as unknown as Record<string, unknown>, createdBy }));
  }

  async byIds(tenantId: string, ids: (string | null)[]): Promise<Map<string, DatasetProcessRule>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (!wanted.length) return new Map();
    const rows = await this.ds.getRepository(DatasetProcessRule).find({ where: { tenantId, id: In(wanted) } });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** The dataset's most recent rule (what Dify offers as the default for its next document). */
  latest(tenantId: string, datasetId: string): Promise<DatasetProcessRule | null> {
    return this.ds.getRepository(DatasetProcessRule).findOne({ where: { tenantId, datasetId }, order: { createdAt: 'DESC' } });
  }
}
