import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@sluice/config';
import { IngestJobData } from '@sluice/contracts';

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

/**
 * Every write of the pipeline to `documents` is conditional on (id, generation, not paused), so a
 * stale job, a paused document or a deleted one is never touched: the stage sees 0 rows and stops.
 */
@Injectable()
export class DocumentStateRepository {
  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    @InjectDataSource() readonly ds: DataSource,
  ) {}

  /** Documents per indexing status, all datasets (the sluice_documents gauge). */
  async countByStatus(): Promise<{ status: string; count: number }[]> {
    const rows: { status: string; count: string }[] = await this.ds.query('SELECT indexing_status AS status, count(*) AS count FROM documents GROUP BY indexing_status');
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
   * is not paused; renews the stage deadline. Returns whether it did.
   */
  async update(job: IngestJobData, sets: string, params: unknown[] = []): Promise<boolean> {
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
