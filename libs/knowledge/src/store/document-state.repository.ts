import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@sluice/config';
import { IngestJobData } from '@sluice/contracts';
import { segmentNodeId } from '../knowledge-ids';
import { SegmentSink, SegmentWriter } from './segment-writer.repository';

export interface DocumentRow {
  id: string;
  tenant_id: string;
  dataset_id: string;
  generation: number;
  indexing_status: string;
  is_paused: boolean;
  file_id: string | null;
  name: string;
  process_rule: Record<string, unknown>;
  doc_form: string;
  doc_language: string;
  parsing_completed_at: Date | null;
  cleaning_completed_at: Date | null;
  splitting_completed_at: Date | null;
}

/** A document the watchdog looks at: in flight, and either past its stage deadline or quiet for long. */
export interface StuckDocumentRow {
  id: string;
  tenant_id: string;
  dataset_id: string;
  generation: number;
  indexing_status: string;
  overdue: boolean;
}

/** The outcome of replacing a document's segments. */
export type SplitOutcome = 'committed' | 'superseded' | 'empty';

/**
 * Every write of the pipeline to `documents` is conditional on (id, generation, not paused), so a
 * stale job, a paused document or a deleted one is never touched: the stage sees 0 rows and stops.
 */
@Injectable()
export class DocumentStateRepository {
  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** Documents per indexing status, all datasets (the sluice_documents gauge). */
  async countByStatus(): Promise<{ status: string; count: number }[]> {
    const rows: { status: string; count: string }[] = await this.ds.query(
      'SELECT indexing_status AS status, count(*) AS count FROM documents GROUP BY indexing_status',
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  }

  async load(documentId: string): Promise<DocumentRow | null> {
    const rows: DocumentRow[] = await this.ds.query(
      `SELECT id, tenant_id, dataset_id, generation, indexing_status, is_paused, file_id, name, process_rule, doc_form, doc_language,
              parsing_completed_at, cleaning_completed_at, splitting_completed_at
         FROM documents WHERE id = $1`,
      [documentId],
    );
    return rows[0] ?? null;
  }

  /** The document if this job may still work on it. */
  async active(job: IngestJobData): Promise<DocumentRow | null> {
    const doc = await this.load(job.documentId);
    if (!doc || doc.generation !== job.generation || doc.is_paused) return null;
    return doc;
  }

  /** True when the row is gone or belongs to another generation: whatever this job wrote is garbage. */
  async isObsolete(job: IngestJobData): Promise<boolean> {
    const rows: { generation: number }[] = await this.ds.query('SELECT generation FROM documents WHERE id = $1', [job.documentId]);
    return !rows[0] || rows[0].generation !== job.generation;
  }

  /**
   * Applies `sets` (SQL assignments using $3.. for `params`) if the row still has this generation and
   * is not paused; renews the stage deadline. Returns whether it did. Private: the stages say what
   * happened through the typed methods below, never in SQL.
   */
  private async update(job: IngestJobData, sets: string, params: unknown[] = []): Promise<boolean> {
    const deadlineParam = `$${3 + params.length}`;
    const res = await this.ds.query(
      `UPDATE documents SET ${sets}, stage_deadline_at = now() + make_interval(secs => ${deadlineParam}), updated_at = now()
        WHERE id = $1 AND generation = $2 AND NOT is_paused AND indexing_status <> 'error'`,
      [job.documentId, job.generation, ...params, this.cfg.knowledge.stageTimeoutSeconds],
    );
    return rowCount(res) > 0;
  }

  /** Keeps the watchdog away from a long stage that is still making progress. */
  heartbeat(job: IngestJobData): Promise<boolean> {
    return this.update(job, 'indexing_status = indexing_status');
  }

  /** The parse stage starts (again) from scratch: every later stage's marks are cleared. */
  startParsing(job: IngestJobData): Promise<boolean> {
    return this.update(
      job,
      `indexing_status = 'parsing', processing_started_at = now(), parsing_completed_at = NULL, cleaning_completed_at = NULL,
       splitting_completed_at = NULL, completed_at = NULL, error = NULL, stopped_at = NULL, total_segments = 0, completed_segments = 0`,
    );
  }

  finishParsing(job: IngestJobData, wordCount: number): Promise<boolean> {
    return this.update(job, 'parsing_completed_at = now(), word_count = $3', [wordCount]);
  }

  startCleaning(job: IngestJobData): Promise<boolean> {
    return this.update(job, `indexing_status = 'cleaning'`);
  }

  finishCleaning(job: IngestJobData): Promise<boolean> {
    return this.update(job, 'cleaning_completed_at = now()');
  }

  startSplitting(job: IngestJobData): Promise<boolean> {
    return this.update(job, `indexing_status = 'splitting'`);
  }

  startIndexing(job: IngestJobData): Promise<boolean> {
    return this.update(job, `indexing_status = 'indexing'`);
  }

  /** Copies the number of completed segments onto the document (its progress). */
  countCompletedSegments(job: IngestJobData): Promise<boolean> {
    return this.update(job, `completed_segments = (SELECT count(*) FROM document_segments WHERE document_id = $1 AND status = 'completed')`);
  }

  /**
   * Replaces whatever segments an earlier run or generation left with what `fill` writes, and marks
   * the split done, in one transaction: a crash leaves either the old rows or the new ones. Rolled
   * back when `fill` wrote nothing ('empty') or the document was paused, deleted or re-generated
   * meanwhile ('superseded').
   */
  async replaceSegments(job: IngestJobData, fill: (sink: SegmentSink) => Promise<void>): Promise<SplitOutcome> {
    try {
      await this.ds.transaction(async (m) => {
        // Two deliveries of this job must not interleave their delete + insert.
        await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`split:${job.documentId}`]);
        await m.query('DELETE FROM document_segments WHERE document_id = $1', [job.documentId]);
        const writer = new SegmentWriter(m, job);
        await fill(writer);
        await writer.flush();
        if (writer.segments === 0) throw new RolledBack('empty');
        // clock_timestamp: now() would be the transaction's start, i.e. before the segments were written.
        const res = await m.query(
          `UPDATE documents SET splitting_completed_at = clock_timestamp(), total_segments = $3, completed_segments = 0, tokens = $4, updated_at = now()
            WHERE id = $1 AND generation = $2 AND NOT is_paused AND indexing_status = 'splitting'`,
          [job.documentId, job.generation, writer.segments, writer.tokens],
        );
        if (rowCount(res) === 0) throw new RolledBack('superseded');
      });
      return 'committed';
    } catch (err) {
      if (err instanceof RolledBack) return err.outcome;
      throw err;
    }
  }

  /** Whether the document's first segment was written by this generation (so the split need not run again). */
  async hasSegmentsOfGeneration(job: IngestJobData): Promise<boolean> {
    const rows: { index_node_id: string }[] = await this.ds.query(
      'SELECT index_node_id FROM document_segments WHERE document_id = $1 AND position = 1 LIMIT 1',
      [job.documentId],
    );
    return rows[0]?.index_node_id === segmentNodeId(job.documentId, job.generation, 1);
  }

  /** How many vectors the document should have: its child chunks (parent-child) or its segments. */
  async indexableCount(job: IngestJobData, hierarchical: boolean): Promise<number> {
    const table = hierarchical ? 'child_chunks' : 'document_segments';
    const [{ n }]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE document_id = $1`, [job.documentId]);
    return n;
  }

  /** Puts every segment of the document back in line for embedding. */
  async resetSegmentsToWaiting(job: IngestJobData): Promise<void> {
    await this.ds.query(`UPDATE document_segments SET status = 'waiting' WHERE document_id = $1`, [job.documentId]);
  }

  /** The last stage: the document is completed, with its totals and latency. False when superseded meanwhile. */
  async completeIndexing(job: IngestJobData): Promise<boolean> {
    const res = await this.ds.query(
      `UPDATE documents SET indexing_status = 'completed', completed_at = now(), completed_segments = total_segments,
              tokens = (SELECT COALESCE(sum(tokens), 0) FROM document_segments WHERE document_id = $1),
              indexing_latency = EXTRACT(EPOCH FROM now() - COALESCE(splitting_completed_at, processing_started_at, now())),
              error = NULL, stopped_at = NULL, stage_deadline_at = NULL, updated_at = now()
        WHERE id = $1 AND generation = $2 AND NOT is_paused AND indexing_status = 'indexing'`,
      [job.documentId, job.generation],
    );
    return rowCount(res) > 0;
  }

  /** In-flight documents past their stage deadline, or quiet for `quietSeconds` (at most 500, overdue first). */
  stuck(stageTimeoutSeconds: number, quietSeconds: number): Promise<StuckDocumentRow[]> {
    return this.ds.query(
      `SELECT id, tenant_id, dataset_id, generation, indexing_status,
              (stage_deadline_at < now() OR (stage_deadline_at IS NULL AND updated_at < now() - make_interval(secs => $1))) AS overdue
         FROM documents
        WHERE NOT is_paused AND indexing_status IN ('waiting', 'parsing', 'cleaning', 'splitting', 'indexing')
          AND (stage_deadline_at < now() OR updated_at < now() - make_interval(secs => $2))
        ORDER BY (stage_deadline_at < now()) IS TRUE DESC, updated_at LIMIT 500`,
      [stageTimeoutSeconds, quietSeconds],
    );
  }

  /** The next `limit` segments of completed documents of a dataset after (document, position), for reindexing. */
  completedSegmentsAfter(
    datasetId: string,
    afterDocument: string,
    afterPosition: number,
    limit: number,
  ): Promise<{ id: string; document_id: string; position: number }[]> {
    return this.ds.query(
      `SELECT s.id, s.document_id, s.position FROM document_segments s JOIN documents d ON d.id = s.document_id
        WHERE s.dataset_id = $1 AND d.indexing_status = 'completed' AND (s.document_id, s.position) > ($2::uuid, $3::int)
        ORDER BY s.document_id, s.position LIMIT $4`,
      [datasetId, afterDocument, afterPosition, limit],
    );
  }

  /** Throws while PostgreSQL is unreachable. */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }

  async fail(job: IngestJobData, message: string): Promise<void> {
    await this.ds.query(
      `UPDATE documents SET indexing_status = 'error', error = $3, stopped_at = now(), stage_deadline_at = NULL, updated_at = now()
        WHERE id = $1 AND generation = $2 AND NOT is_paused AND indexing_status <> 'completed'`,
      [job.documentId, job.generation, message.slice(0, 2000)],
    );
  }

  /** The storage key of the document's source file. */
  async sourceFile(doc: DocumentRow): Promise<{ storageKey: string; name: string; mimeType: string } | null> {
    if (!doc.file_id) return null;
    const rows: { storage_key: string; name: string; mime_type: string }[] = await this.ds.query(
      'SELECT storage_key, name, mime_type FROM upload_files WHERE id = $1 AND tenant_id = $2',
      [doc.file_id, doc.tenant_id],
    );
    return rows[0] ? { storageKey: rows[0].storage_key, name: rows[0].name, mimeType: rows[0].mime_type } : null;
  }
}

/** TypeORM's postgres driver returns [rows, count] for UPDATE ... (without RETURNING). */
export function rowCount(res: unknown): number {
  if (Array.isArray(res) && typeof res[1] === 'number') return res[1];
  return 0;
}

/** Rolls the split transaction back with the reason. */
class RolledBack extends Error {
  constructor(readonly outcome: Exclude<SplitOutcome, 'committed'>) {
    super(outcome);
  }
}
