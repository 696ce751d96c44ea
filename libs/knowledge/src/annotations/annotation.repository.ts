import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AnnotationRow {
  id: string;
  question: string;
  answer: string;
  hit_count: number;
  created_at: Date;
}

export interface AnnotationSettings {
  enabled: boolean;
  score_threshold: number;
  embedding_provider: string;
  embedding_model: string;
  last_job_id: string | null;
  last_job_status: string | null;
  last_job_error: string | null;
  /** The latest jobs by id (a bounded few), each queryable by its id. */
  recent_jobs: Record<string, { status: string; error: string | null }>;
}

/** How many jobs per app stay queryable. */
const KEPT_JOBS = 20;

const COLUMNS = 'id, question, answer, hit_count, created_at';

@Injectable()
export class AnnotationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async page(appId: string, page: number, limit: number, keyword?: string): Promise<{ rows: AnnotationRow[]; total: number }> {
    const filter = keyword ? `AND (question ILIKE $2 OR answer ILIKE $2)` : '';
    const like = keyword ? [`%${keyword.replace(/[\\%_]/g, (m) => `\\${m}`)}%`] : [];
    const [rows, [{ n }]] = await Promise.all([
      this.ds.query(
        `SELECT ${COLUMNS} FROM message_annotations WHERE app_id = $1 ${filter} ORDER BY created_at DESC, id DESC LIMIT ${limit} OFFSET ${(page - 1) * limit}`,
        [appId, ...like],
      ),
      this.ds.query(`SELECT count(*)::int AS n FROM message_annotations WHERE app_id = $1 ${filter}`, [appId, ...like]),
    ]);
    return { rows, total: n };
  }

  async create(tenantId: string, appId: string, question: string, answer: string): Promise<AnnotationRow> {
    const [row] = await this.ds.query(`INSERT INTO message_annotations (tenant_id, app_id, question, answer) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
      tenantId,
      appId,
      question,
      answer,
    ]);
    return row;
  }

  /** A changed question loses its embedding (it is computed again for the new text). */
  async update(appId: string, id: string, question: string, answer: string): Promise<AnnotationRow | null> {
    // For UPDATE/DELETE the postgres driver answers [rows, rowCount].
    const [[row]] = await this.ds.query(
      `UPDATE message_annotations SET answer = $4, updated_at = now(),
              embedding = CASE WHEN question = $3 THEN embedding END, embedding_model = CASE WHEN question = $3 THEN embedding_model END,
              question = $3
        WHERE app_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [appId, id, question, answer],
    );
    return row ?? null;
  }

  async delete(appId: string, id: string): Promise<boolean> {
    const [, count] = await this.ds.query('DELETE FROM message_annotations WHERE app_id = $1 AND id = $2', [appId, id]);
    return count > 0;
  }

  /** Questions without an embedding under `model`. */
  unembedded(appId: string, model: string, limit: number): Promise<{ id: string; question: string }[]> {
    return this.ds.query(
      `SELECT id, question FROM message_annotations WHERE app_id = $1 AND (embedding IS NULL OR embedding_model IS DISTINCT FROM $2) ORDER BY id LIMIT $3`,
      [appId, model, limit],
    );
  }

  async saveEmbeddings(model: string, rows: { id: string; embedding: Buffer }[]): Promise<void> {
    if (!rows.length) return;
    await this.ds.query(
      `UPDATE message_annotations a SET embedding = v.e, embedding_model = $1 FROM unnest($2::uuid[], $3::bytea[]) AS v(id, e) WHERE a.id = v.id`,
      [model, rows.map((r) => r.id), rows.map((r) => r.embedding)],
    );
  }

  /** What changes when any annotation of the app does: the in-memory copy is reloaded then. */
  async stamp(appId: string): Promise<string> {
    const [r] = await this.ds.query(`SELECT count(*)::int AS n, max(updated_at) AS at, count(embedding)::int AS e FROM message_annotations WHERE app_id = $1`, [
      appId,
    ]);
    return `${r.n}|${r.at?.toISOString?.() ?? ''}|${r.e}`;
  }

  embedded(appId: string, model: string): Promise<{ id: string; answer: string; question: string; embedding: Buffer }[]> {
    return this.ds.query(
      `SELECT id, question, answer, embedding FROM message_annotations WHERE app_id = $1 AND embedding IS NOT NULL AND embedding_model = $2`,
      [appId, model],
    );
  }

  async hit(id: string): Promise<void> {
    await this.ds.query('UPDATE message_annotations SET hit_count = hit_count + 1 WHERE id = $1', [id]);
  }

  async settings(appId: string): Promise<AnnotationSettings | null> {
    const [r] = await this.ds.query(
      `SELECT enabled, score_threshold, embedding_provider, embedding_model, last_job_id, last_job_status, last_job_error, recent_jobs FROM app_annotation_settings WHERE app_id = $1`,
      [appId],
    );
    return r ?? null;
  }

  async saveSettings(
    tenantId: string,
    appId: string,
    s: Omit<AnnotationSettings, 'last_job_error' | 'recent_jobs'> & { last_job_error?: string | null; recent_jobs?: AnnotationSettings['recent_jobs'] },
  ): Promise<void> {
    const jobs = { ...(s.recent_jobs ?? {}) };
    if (s.last_job_id && s.last_job_status) {
      delete jobs[s.last_job_id];
      jobs[s.last_job_id] = { status: s.last_job_status, error: s.last_job_error ?? null };
    }
    const kept = Object.fromEntries(Object.entries(jobs).slice(-KEPT_JOBS));
    await this.ds.query(
      `INSERT INTO app_annotation_settings (app_id, tenant_id, enabled, score_threshold, embedding_provider, embedding_model, last_job_id, last_job_status, last_job_error, recent_jobs)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (app_id) DO UPDATE SET enabled = EXCLUDED.enabled, score_threshold = EXCLUDED.score_threshold,
         embedding_provider = EXCLUDED.embedding_provider, embedding_model = EXCLUDED.embedding_model, last_job_id = EXCLUDED.last_job_id,
         last_job_status = EXCLUDED.last_job_status, last_job_error = EXCLUDED.last_job_error, recent_jobs = EXCLUDED.recent_jobs, updated_at = now()`,
      [
        appId,
        tenantId,
        s.enabled,
        s.score_threshold,
        s.embedding_provider,
        s.embedding_model,
        s.last_job_id,
        s.last_job_status,
        s.last_job_error ?? null,
        JSON.stringify(kept),
      ],
    );
  }
}
