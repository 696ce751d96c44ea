import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DatasetDocument } from '@sluice/database';
import { likePattern } from './like-pattern';

/** Dify's display status of a document (what the console and the API list filter by). */
export type DocumentDisplayStatus = 'queuing' | 'indexing' | 'paused' | 'error' | 'available' | 'disabled' | 'archived';

/** The display-status rules as SQL over `documents` aliased `d`, for the list's `status` filter. */
const DISPLAY_STATUS_SQL: Record<DocumentDisplayStatus, string> = {
  paused: `d.is_paused AND d.indexing_status IN ('waiting','parsing','cleaning','splitting','indexing')`,
  queuing: `NOT d.is_paused AND d.indexing_status = 'waiting'`,
  indexing: `NOT d.is_paused AND d.indexing_status IN ('parsing','cleaning','splitting','indexing')`,
  error: `d.indexing_status = 'error'`,
  archived: `d.indexing_status = 'completed' AND d.archived`,
  available: `d.indexing_status = 'completed' AND NOT d.archived AND d.enabled`,
  disabled: `d.indexing_status = 'completed' AND NOT d.archived AND NOT d.enabled`,
};

/** Columns a new generation starts from: the pipeline fills them again. */
const FRESH_PIPELINE_STATE = {
  indexingStatus: 'waiting' as const,
  processingStartedAt: null,
  parsingCompletedAt: null,
  cleaningCompletedAt: null,
  splittingCompletedAt: null,
  completedAt: null,
  isPaused: false,
  pausedBy: null,
  pausedAt: null,
  error: null,
  stoppedAt: null,
  stageDeadlineAt: null,
  indexingLatency: null,
  wordCount: 0,
  tokens: 0,
  totalSegments: 0,
  completedSegments: 0,
};

@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(DatasetDocument);
  }

  /** Inserts documents after the dataset's last position, in one transaction so concurrent batches do not collide. */
  async insertMany(datasetId: string, docs: Partial<DatasetDocument>[]): Promise<DatasetDocument[]> {
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`documents-position:${datasetId}`]);
      const [{ max }] = await m.query('SELECT coalesce(max(position), 0)::int AS max FROM documents WHERE dataset_id = $1', [datasetId]);
      const rows = docs.map((d, i) => m.create(DatasetDocument, { ...d, position: max + i + 1 }));
      return m.save(rows);
    });
  }

  /** A document of the workspace, whichever dataset it is in (Dify's process-rule lookup by document). */
  findInTenant(tenantId: string, id: string): Promise<DatasetDocument | null> {
    return this.repo.findOne({ where: { tenantId, id } });
  }

  find(tenantId: string, datasetId: string, id: string): Promise<DatasetDocument | null> {
    return this.repo.findOne({ where: { tenantId, datasetId, id } });
  }

  findMany(tenantId: string, datasetId: string, ids: string[]): Promise<DatasetDocument[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.repo.find({ where: { tenantId, datasetId, id: In(ids) } });
  }

  byBatch(tenantId: string, datasetId: string, batch: string): Promise<DatasetDocument[]> {
    return this.repo.find({ where: { tenantId, datasetId, batch }, order: { position: 'ASC' } });
  }

  async page(tenantId: string, datasetId: string, q: { page: number; limit: number; keyword?: string; status?: DocumentDisplayStatus }) {
    const qb = this.repo.createQueryBuilder('d').where('d.tenant_id = :tenantId AND d.dataset_id = :datasetId', { tenantId, datasetId });
    if (q.keyword?.trim()) qb.andWhere('d.name ILIKE :kw', { kw: likePattern(q.keyword.trim()) });
    if (q.status) qb.andWhere(DISPLAY_STATUS_SQL[q.status]);
    const [rows, total] = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.position', 'DESC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }

  async hitCounts(tenantId: string, documentIds: string[]): Promise<Map<string, number>> {
    if (!documentIds.length) return new Map();
    const rows: { document_id: string; hits: number }[] = await this.ds.query(
      'SELECT document_id, coalesce(sum(hit_count), 0)::int AS hits FROM document_segments WHERE tenant_id = $1 AND document_id = ANY($2::uuid[]) GROUP BY document_id',
      [tenantId, documentIds],
    );
    return new Map(rows.map((r) => [r.document_id, r.hits]));
  }

  async update(tenantId: string, id: string, values: Partial<DatasetDocument>): Promise<void> {
    await this.repo.update({ tenantId, id }, { ...values, updatedAt: new Date() } as QueryDeepPartialEntity<DatasetDocument>);
  }

  async updateMany(tenantId: string, datasetId: string, ids: string[], values: Partial<DatasetDocument>): Promise<void> {
    if (ids.length)
      await this.repo.update({ tenantId, datasetId, id: In(ids) }, { ...values, updatedAt: new Date() } as QueryDeepPartialEntity<DatasetDocument>);
  }

  /**
   * Starts the document over as a new generation: stale jobs of the old one stop writing, its
   * segments go, and the pipeline state is reset to `waiting`. Returns the new generation.
   */
  async restart(tenantId: string, id: string, values: Partial<DatasetDocument>): Promise<number> {
    return this.ds.transaction(async (m) => {
      const [{ generation }] = await m.query('SELECT generation FROM documents WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
      await m.query('DELETE FROM document_segments WHERE tenant_id = $1 AND document_id = $2', [tenantId, id]);
      await m.update(DatasetDocument, { tenantId, id }, {
        ...FRESH_PIPELINE_STATE,
        ...values,
        generation: generation + 1,
        updatedAt: new Date(),
      } as QueryDeepPartialEntity<DatasetDocument>);
      return generation + 1;
    });
  }

  /** Pauses only while the pipeline still has work; returns whether the row changed. */
  async pause(tenantId: string, id: string, by: string | null): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ isPaused: true, pausedAt: () => 'now()', pausedBy: by, updatedAt: () => 'now()' })
      .where(`tenant_id = :tenantId AND id = :id AND indexing_status IN ('waiting','parsing','cleaning','splitting','indexing')`, { tenantId, id })
      .execute();
    return (res.affected ?? 0) > 0;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.repo.delete({ tenantId, id });
  }
}
