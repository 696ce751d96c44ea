import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ChildChunk, DocumentSegment, Tx, asTx, manager } from '@sluice/database';
import { likePattern } from './like-pattern';

@Injectable()
export class SegmentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction((m) => fn(asTx(m)));
  }

  /** Serialises position allocation per document (segment positions are unique within it). */
  async lockDocument(tx: Tx, documentId: string): Promise<void> {
    const m = manager(tx);
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`segments:${documentId}`]);
  }

  async maxPosition(tx: Tx, table: 'document_segments' | 'child_chunks', column: 'document_id' | 'segment_id', id: string): Promise<number> {
    const m = manager(tx);
    const [{ max }] = await m.query(`SELECT coalesce(max(position), 0)::int AS max FROM ${table} WHERE ${column} = $1`, [id]);
    return max;
  }

  insertSegments(tx: Tx, rows: Partial<DocumentSegment>[]): Promise<DocumentSegment[]> {
    const m = manager(tx);
    return m.save(m.create(DocumentSegment, rows));
  }

  insertChildChunks(tx: Tx, rows: Partial<ChildChunk>[]): Promise<ChildChunk[]> {
    const m = manager(tx);
    return rows.length ? m.save(m.create(ChildChunk, rows)) : Promise.resolve([]);
  }

  async deleteChildrenOf(tx: Tx, tenantId: string, segmentId: string): Promise<void> {
    await manager(tx).delete(ChildChunk, { tenantId, segmentId });
  }

  async page(tenantId: string, documentId: string, q: { page: number; limit: number; keyword?: string; status?: string[]; enabled?: string }) {
    const qb = this.ds
      .getRepository(DocumentSegment)
      .createQueryBuilder('s')
      .where('s.tenant_id = :tenantId AND s.document_id = :documentId', { tenantId, documentId });
    if (q.keyword?.trim()) qb.andWhere('s.content ILIKE :kw', { kw: likePattern(q.keyword.trim()) });
    if (q.status?.length) qb.andWhere('s.status IN (:...status)', { status: q.status });
    if (q.enabled === 'true' || q.enabled === 'false') qb.andWhere('s.enabled = :enabled', { enabled: q.enabled === 'true' });
    const [rows, total] = await qb
      .orderBy('s.position', 'ASC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }

  find(tenantId: string, documentId: string, id: string): Promise<DocumentSegment | null> {
    return this.ds.getRepository(DocumentSegment).findOne({ where: { tenantId, documentId, id } });
  }

  findByIds(tenantId: string, ids: string[]): Promise<DocumentSegment[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.ds.getRepository(DocumentSegment).find({ where: { tenantId, id: In(ids) }, order: { position: 'ASC' } });
  }

  async update(tenantId: string, id: string, values: Partial<DocumentSegment>): Promise<void> {
    await this.ds.getRepository(DocumentSegment).update({ tenantId, id }, { ...values, updatedAt: new Date() } as QueryDeepPartialEntity<DocumentSegment>);
  }

  async markError(tenantId: string, ids: string[], message: string): Promise<void> {
    if (ids.length) await this.ds.getRepository(DocumentSegment).update({ tenantId, id: In(ids) }, { status: 'error', error: message, stoppedAt: new Date() });
  }

  async delete(tenantId: string, id: string): Promise<void> {
    await this.ds.getRepository(DocumentSegment).delete({ tenantId, id });
  }

  childrenOf(tenantId: string, segmentIds: string[]): Promise<ChildChunk[]> {
    if (!segmentIds.length) return Promise.resolve([]);
    return this.ds.getRepository(ChildChunk).find({ where: { tenantId, segmentId: In(segmentIds) }, order: { position: 'ASC' } });
  }

  async childPage(tenantId: string, segmentId: string, q: { page: number; limit: number; keyword?: string }) {
    const qb = this.ds
      .getRepository(ChildChunk)
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.segment_id = :segmentId', { tenantId, segmentId });
    if (q.keyword?.trim()) qb.andWhere('c.content ILIKE :kw', { kw: likePattern(q.keyword.trim()) });
    const [rows, total] = await qb
      .orderBy('c.position', 'ASC')
      .skip((q.page - 1) * q.limit)
      .take(q.limit)
      .getManyAndCount();
    return { rows, total };
  }

  findChild(tenantId: string, segmentId: string, id: string): Promise<ChildChunk | null> {
    return this.ds.getRepository(ChildChunk).findOne({ where: { tenantId, segmentId, id } });
  }

  async updateChild(tenantId: string, id: string, values: Partial<ChildChunk>): Promise<void> {
    await this.ds.getRepository(ChildChunk).update({ tenantId, id }, { ...values, updatedAt: new Date() } as QueryDeepPartialEntity<ChildChunk>);
  }

  async deleteChildren(tenantId: string, ids: string[]): Promise<void> {
    if (ids.length) await this.ds.getRepository(ChildChunk).delete({ tenantId, id: In(ids) });
  }

  /** Keeps the document's totals in step with manual segment edits (word_count moves by the edit, as in Dify). */
  async refreshDocumentTotals(tenantId: string, documentId: string, wordDelta: number): Promise<void> {
    await this.ds.query(
      `UPDATE documents d SET word_count = greatest(0, d.word_count + $2), total_segments = t.n, completed_segments = t.done, updated_at = now()
         FROM (SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'completed')::int AS done FROM document_segments WHERE tenant_id = $3 AND document_id = $1) t
        WHERE d.tenant_id = $3 AND d.id = $1`,
      [documentId, wordDelta, tenantId],
    );
  }

  /**
   * One UPDATE for all segments a retrieval returned. A hit counter is not worth a WAL flush on the
   * query path, so this statement's own transaction commits with synchronous_commit off (visible at
   * once; at worst the last few increments are lost in a database crash).
   */
  async incrementHitCount(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.ds.query(
      `WITH cfg AS (SELECT set_config('synchronous_commit', 'off', true) AS v)
       UPDATE document_segments SET hit_count = hit_count + 1 FROM cfg WHERE id = ANY($1::uuid[]) AND cfg.v IS NOT NULL`,
      [ids],
    );
  }
}
