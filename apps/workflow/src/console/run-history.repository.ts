import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A run with who started it, its workflow's version, and (chatflows) the message it answered. */
export interface RunRow {
  id: string;
  workflow_id: string;
  version: string | null;
  triggered_from: string;
  status: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  error: string | null;
  elapsed_time: number;
  total_tokens: number;
  total_steps: number;
  created_at: Date;
  finished_at: Date | null;
  end_user_id: string | null;
  user_type: string | null;
  session_id: string | null;
  account_name: string | null;
  account_email: string | null;
  conversation_id: string | null;
  message_id: string | null;
  exceptions_count: number;
}

export interface NodeRow {
  id: string;
  index: number;
  node_id: string;
  node_type: string;
  title: string;
  inputs: unknown;
  process_data: unknown;
  outputs: unknown;
  status: string;
  error: string | null;
  elapsed_time: number;
  created_at: Date;
  finished_at: Date | null;
}

const RUN_COLUMNS = `r.id, r.workflow_id, w.version, r.triggered_from, r.status, r.inputs, r.outputs, r.error, r.elapsed_time, r.total_tokens,
  r.total_steps, r.created_at, r.finished_at, r.end_user_id, eu.type AS user_type, eu.session_id, acc.name AS account_name, acc.email AS account_email,
  m.conversation_id, m.id AS message_id,
  (SELECT count(*)::int FROM workflow_node_executions n WHERE n.workflow_run_id = r.id AND n.status IN ('failed', 'exception')) AS exceptions_count`;
const RUN_JOINS = `LEFT JOIN workflows w ON w.id = r.workflow_id
  LEFT JOIN end_users eu ON eu.id = r.end_user_id
  LEFT JOIN accounts acc ON eu.type = 'account' AND acc.id::text = eu.session_id
  LEFT JOIN LATERAL (SELECT id, conversation_id FROM messages WHERE workflow_run_id = r.id LIMIT 1) m ON true`;

/** Read-only SQL behind the console's run history, run detail and version list; every query is scoped by app. */
@Injectable()
export class RunHistoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Newest first, `limit` after `lastId` (Dify's cursor). */
  async runs(
    appId: string,
    q: { limit: number; lastId?: string | null; status?: string; triggeredFrom?: string },
  ): Promise<{ rows: RunRow[]; hasMore: boolean }> {
    const where = ['r.app_id = $1'];
    const args: unknown[] = [appId];
    if (q.lastId) {
      args.push(q.lastId);
      where.push(`(r.created_at, r.id) < (SELECT created_at, id FROM workflow_runs WHERE id = $${args.length})`);
    }
    if (q.status) {
      args.push(q.status);
      where.push(`r.status = $${args.length}`);
    }
    if (q.triggeredFrom) {
      args.push(q.triggeredFrom);
      where.push(`r.triggered_from = $${args.length}`);
    }
    args.push(q.limit + 1);
    const rows: RunRow[] = await this.ds.query(
      `SELECT ${RUN_COLUMNS} FROM workflow_runs r ${RUN_JOINS} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT $${args.length}`,
      args,
    );
    return { rows: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  /** Dify's workflow app logs: runs of the app in use (not the editor's debug runs), paged, filtered by status and keyword. */
  async appLogs(appId: string, q: { page: number; limit: number; status?: string; keyword?: string }): Promise<{ rows: RunRow[]; total: number }> {
    const where = [`r.app_id = $1`, `r.triggered_from <> 'debugging'`];
    const args: unknown[] = [appId];
    if (q.status) {
      args.push(q.status);
      where.push(`r.status = $${args.length}`);
    }
    if (q.keyword?.trim()) {
      args.push(`%${q.keyword.trim().replace(/[%_\\]/g, (c) => '\\' + c)}%`);
      where.push(`(r.inputs::text ILIKE $${args.length} OR r.outputs::text ILIKE $${args.length} OR r.id::text = $${args.length + 1})`);
      args.push(q.keyword.trim());
    }
    const cond = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM workflow_runs r WHERE ${cond}`, args);
    const rows = await this.ds.query(
      `SELECT ${RUN_COLUMNS} FROM workflow_runs r ${RUN_JOINS} WHERE ${cond} ORDER BY r.created_at DESC, r.id DESC LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, q.limit, (q.page - 1) * q.limit],
    );
    return { rows, total };
  }

  async runExists(appId: string, id: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM workflow_runs WHERE app_id = $1 AND id = $2', [appId, id])).length > 0;
  }

  async run(appId: string, id: string): Promise<(RunRow & { graph: unknown }) | null> {
    const rows = await this.ds.query(`SELECT ${RUN_COLUMNS}, w.graph FROM workflow_runs r ${RUN_JOINS} WHERE r.app_id = $1 AND r.id = $2`, [appId, id]);
    return rows[0] ?? null;
  }

  nodes(runId: string): Promise<NodeRow[]> {
    return this.ds.query(
      `SELECT id, index, node_id, node_type, title, inputs, process_data, outputs, status, error, elapsed_time, created_at, finished_at
         FROM workflow_node_executions WHERE workflow_run_id = $1 ORDER BY index, finished_at`,
      [runId],
    );
  }

  /** Published versions newest first, the draft ahead of them (as Dify lists them). */
  async versions(appId: string, page: number, limit: number) {
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM workflows WHERE app_id = $1', [appId]);
    const rows = await this.ds.query(
      `SELECT w.id, w.version, w.graph, w.features, w.environment_variables, w.conversation_variables, w.created_at, w.updated_at, (a.workflow_id = w.id) AS is_current
         FROM workflows w JOIN apps a ON a.id = w.app_id WHERE w.app_id = $1
        ORDER BY (w.version = 'draft') DESC, w.created_at DESC, w.id DESC LIMIT $2 OFFSET $3`,
      [appId, limit, (page - 1) * limit],
    );
    return { rows, total: total as number };
  }
}
