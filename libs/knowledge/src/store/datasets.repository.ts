import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatasetNameDuplicateError } from '@sluice/contracts';
import { Dataset, DatasetViewer, actingAccountId, datasetsHiddenFrom, hiddenDatasetIds } from '@sluice/database';
import { likePattern } from './like-pattern';

export interface DatasetStats {
  documentCount: number;
  availableDocumentCount: number;
  wordCount: number;
  appCount: number;
  /** The creator's display name (Dify's `author_name`). */
  authorName: string | null;
  /** The dataset's metadata fields (Dify's `doc_metadata` on a dataset). */
  metadataFields: { id: string; name: string; type: string }[];
}

const EMPTY: Omit<DatasetStats, 'metadataFields'> = { documentCount: 0, availableDocumentCount: 0, wordCount: 0, appCount: 0, authorName: null };

function isNameConflict(err: unknown): boolean {
  return err instanceof QueryFailedError && (err as unknown as { code?: string; constraint?: string }).code === '23505';
}

@Injectable()
export class DatasetsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(values: Partial<Dataset>): Promise<Dataset> {
    const repo = this.ds.getRepository(Dataset);
    try {
      return await repo.save(repo.create(values));
    } catch (err) {
      if (isNameConflict(err)) throw new DatasetNameDuplicateError(`Dataset with name ${values.name} already exists.`);
      throw err;
    }
  }

  async update(tenantId: string, id: string, values: Partial<Dataset>): Promise<void> {
    try {
      await this.ds.getRepository(Dataset).update({ tenantId, id }, { ...values, updatedAt: new Date() } as QueryDeepPartialEntity<Dataset>);
    } catch (err) {
      if (isNameConflict(err)) throw new DatasetNameDuplicateError(`Dataset with name ${values.name} already exists.`);
      throw err;
    }
  }

  /** Of these datasets, those the member may not see. */
  hidden(viewer: DatasetViewer, ids: string[]): Promise<string[]> {
    return hiddenDatasetIds(this.ds, viewer, ids);
  }

  /** The account a write is attributed to (the workspace owner for Service API calls, as in Dify). */
  actingAccount(tenantId: string, accountId?: string | null): Promise<string | null> {
    return actingAccountId(this.ds, tenantId, accountId);
  }

  find(tenantId: string, id: string): Promise<Dataset | null> {
    return this.ds.getRepository(Dataset).findOne({ where: { tenantId, id } });
  }

  /** A page of the workspace's datasets; with a viewer, only those the member may see. */
  async page(tenantId: string, q: { page: number; limit: number; keyword?: string; tagIds?: string[]; viewer?: DatasetViewer | null }) {
    const qb = this.ds.getRepository(Dataset).createQueryBuilder('d').where('d.tenant_id = :tenantId', { tenantId });
    const hidden = q.viewer ? await datasetsHiddenFrom(this.ds, q.viewer) : [];
    if (hidden.length) qb.andWhere('NOT (d.id = ANY(CAST(:hidden AS uuid[])))', { hidden });
    if (q.keyword) qb.andWhere('d.name ILIKE :kw', { kw: likePattern(q.keyword) });
    if (q.tagIds) {
      qb.andWhere('d.id IN (SELECT b.target_id FROM tag_bindings b WHERE b.tenant_id = :tenantId AND b.tag_id = ANY(CAST(:tagIds AS uuid[])))', {
        tagIds: q.tagIds,
      });
    }
    const [rows, total] = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }

  /** Document and word counts, and how many apps use each dataset, in two queries for a whole page. */
  async stats(tenantId: string, ids: string[]): Promise<Map<string, DatasetStats>> {
    const out = new Map<string, DatasetStats>(ids.map((id) => [id, { ...EMPTY, metadataFields: [] }]));
    if (!ids.length) return out;
    const docs: { dataset_id: string; n: number; available: number; words: string }[] = await this.ds.query(
      `SELECT dataset_id, count(*)::int AS n,
              count(*) FILTER (WHERE indexing_status = 'completed' AND enabled AND NOT archived)::int AS available,
              coalesce(sum(word_count), 0)::bigint AS words
         FROM documents WHERE tenant_id = $1 AND dataset_id = ANY($2::uuid[]) GROUP BY dataset_id`,
      [tenantId, ids],
    );
    for (const r of docs) Object.assign(out.get(r.dataset_id)!, { documentCount: r.n, availableDocumentCount: r.available, wordCount: Number(r.words) });
    for (const [id, n] of await this.appCounts(tenantId, ids)) out.get(id)!.appCount = n;
    const authors: { id: string; name: string }[] = await this.ds.query(
      `SELECT d.id, a.name FROM datasets d JOIN accounts a ON a.id = d.created_by WHERE d.tenant_id = $1 AND d.id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    for (const r of authors) out.get(r.id)!.authorName = r.name;
    const fields: { dataset_id: string; id: string; name: string; type: string }[] = await this.ds.query(
      `SELECT dataset_id, id, name, type FROM dataset_metadatas WHERE tenant_id = $1 AND dataset_id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [tenantId, ids],
    );
    for (const f of fields) out.get(f.dataset_id)!.metadataFields.push({ id: f.id, name: f.name, type: f.type });
    return out;
  }

  /**
   * Apps whose current model config lists the dataset in `dataset_configs`, or whose workflow
   * (draft or published) has a knowledge-retrieval node reading it: deleting the dataset would break them.
   */
  async appCounts(tenantId: string, ids: string[]): Promise<Map<string, number>> {
    const rows: { dataset_id: string; n: number }[] = await this.ds.query(
      `SELECT d.id AS dataset_id, count(a.id)::int AS n
         FROM unnest($2::uuid[]) AS d(id)
         JOIN apps a ON a.tenant_id = $1
         LEFT JOIN app_model_configs c ON c.id = a.app_model_config_id
        WHERE coalesce(c.config->'dataset_configs'->'datasets'->'datasets', '[]'::jsonb)
                @> jsonb_build_array(jsonb_build_object('dataset', jsonb_build_object('id', d.id::text)))
           OR EXISTS (
                SELECT 1 FROM workflows w, jsonb_array_elements(CASE WHEN jsonb_typeof(w.graph->'nodes') = 'array' THEN w.graph->'nodes' ELSE '[]'::jsonb END) n
                 WHERE w.tenant_id = $1 AND w.app_id = a.id
                   AND jsonb_typeof(n->'data'->'dataset_ids') = 'array' AND (n->'data'->'dataset_ids') ? d.id::text)
        GROUP BY d.id`,
      [tenantId, ids],
    );
    return new Map(rows.map((r) => [r.dataset_id, r.n]));
  }

  /** Removes the dataset (documents, segments, chunks and metadata cascade) and returns the files its documents held. */
  async delete(tenantId: string, id: string): Promise<{ fileIds: string[] }> {
    return this.ds.transaction(async (m) => {
      const files: { file_id: string }[] = await m.query(
        'SELECT DISTINCT file_id FROM documents WHERE tenant_id = $1 AND dataset_id = $2 AND file_id IS NOT NULL',
        [tenantId, id],
      );
      await m.query('DELETE FROM datasets WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
      await m.query('DELETE FROM tag_bindings WHERE tenant_id = $1 AND target_id = $2', [tenantId, id]);
      return { fileIds: files.map((f) => f.file_id) };
    });
  }
}
