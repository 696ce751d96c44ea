import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LogFilter {
  page: number;
  limit: number;
  keyword?: string;
  start?: Date;
  end?: Date;
  sort_by: string;
}

/** A conversation (or, for completion apps, a lone message) with who started it and its feedback counts. */
export interface ConversationLogRow {
  id: string;
  name: string;
  status: string;
  inputs: Record<string, unknown>;
  introduction: string;
  created_at: Date;
  updated_at: Date;
  end_user_id: string;
  user_type: string;
  session_id: string;
  account_name: string | null;
  message_count: number;
  first_query: string | null;
  user_like: number;
  user_dislike: number;
  admin_like: number;
  admin_dislike: number;
}

export interface MessageLogRow {
  id: string;
  conversation_id: string | null;
  parent_message_id: string | null;
  inputs: Record<string, unknown>;
  query: string;
  answer: string;
  status: string;
  error: string | null;
  message_tokens: number;
  answer_tokens: number;
  total_price: string;
  currency: string;
  latency: number;
  provider: string | null;
  model: string | null;
  retriever_resources: unknown[];
  message_files: unknown[];
  workflow_run_id: string | null;
  created_at: Date;
  end_user_id: string;
  user_type: string;
  session_id: string;
}

export interface FeedbackLogRow {
  message_id: string;
  rating: string;
  content: string | null;
  from_source: string;
  end_user_id: string | null;
  from_account_id: string | null;
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
const ORDER: Record<string, string> = {
  created_at: 'x.created_at ASC',
  '-created_at': 'x.created_at DESC',
  updated_at: 'x.updated_at ASC',
  '-updated_at': 'x.updated_at DESC',
};

/** Who started a row: the end user, and the account's name when it was a console account (preview chat). */
const WHO = `eu.type AS user_type, eu.session_id, acc.name AS account_name`;
const WHO_JOIN = `JOIN end_users eu ON eu.id = x.end_user_id
  LEFT JOIN accounts acc ON eu.type = 'account' AND acc.id::text = eu.session_id`;
const FEEDBACK = (col: string) => `LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE f.from_source = 'user' AND f.rating = 'like')::int AS user_like,
           count(*) FILTER (WHERE f.from_source = 'user' AND f.rating = 'dislike')::int AS user_dislike,
           count(*) FILTER (WHERE f.from_source = 'admin' AND f.rating = 'like')::int AS admin_like,
           count(*) FILTER (WHERE f.from_source = 'admin' AND f.rating = 'dislike')::int AS admin_dislike
      FROM message_feedbacks f WHERE f.${col} = x.id) fb ON true`;

/** Read-only SQL behind the console's logs pages; every query is scoped to the tenant and the app. */
@Injectable()
export class LogsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async conversations(tenantId: string, appId: string, f: LogFilter): Promise<{ rows: ConversationLogRow[]; total: number }> {
    const where = [`x.tenant_id = $1`, `x.app_id = $2`, `NOT x.is_deleted`];
    const args: unknown[] = [tenantId, appId];
    this.dateAndKeyword(
      where,
      args,
      f,
      (kw) => `(x.name ILIKE ${kw} OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = x.id AND (m.query ILIKE ${kw} OR m.answer ILIKE ${kw})))`,
    );
    const cond = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM conversations x WHERE ${cond}`, args);
    const rows = await this.ds.query(
      `SELECT x.id, x.name, x.status, x.inputs, x.introduction, x.created_at, x.updated_at, x.end_user_id, ${WHO},
              (SELECT count(*)::int FROM messages m WHERE m.conversation_id = x.id) AS message_count,
              (SELECT m.query FROM messages m WHERE m.conversation_id = x.id ORDER BY m.created_at, m.id LIMIT 1) AS first_query,
              fb.*
         FROM conversations x ${WHO_JOIN} ${FEEDBACK('conversation_id')}
        WHERE ${cond}
        ORDER BY ${ORDER[f.sort_by]}, x.id DESC LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, f.limit, (f.page - 1) * f.limit],
    );
    return { rows, total };
  }

  async conversation(tenantId: string, appId: string, id: string): Promise<ConversationLogRow | null> {
    const rows = await this.ds.query(
      `SELECT x.id, x.name, x.status, x.inputs, x.introduction, x.created_at, x.updated_at, x.end_user_id, ${WHO},
              (SELECT count(*)::int FROM messages m WHERE m.conversation_id = x.id) AS message_count,
              (SELECT m.query FROM messages m WHERE m.conversation_id = x.id ORDER BY m.created_at, m.id LIMIT 1) AS first_query,
              fb.*
         FROM conversations x ${WHO_JOIN} ${FEEDBACK('conversation_id')}
        WHERE x.tenant_id = $1 AND x.app_id = $2 AND x.id = $3 AND NOT x.is_deleted`,
      [tenantId, appId, id],
    );
    return rows[0] ?? null;
  }

  /** Completion apps keep no conversations: each message is its own log row. */
  async completionMessages(tenantId: string, appId: string, f: LogFilter): Promise<{ rows: (MessageLogRow & ConversationLogRow)[]; total: number }> {
    const where = [`x.tenant_id = $1`, `x.app_id = $2`, `x.conversation_id IS NULL`];
    const args: unknown[] = [tenantId, appId];
    this.dateAndKeyword(where, args, f, (kw) => `(x.query ILIKE ${kw} OR x.answer ILIKE ${kw} OR x.inputs::text ILIKE ${kw})`);
    const cond = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM messages x WHERE ${cond}`, args);
    const rows = await this.ds.query(
      `SELECT x.*, ${WHO}, fb.* FROM messages x ${WHO_JOIN} ${FEEDBACK('message_id')}
        WHERE ${cond} ORDER BY ${ORDER[f.sort_by]}, x.id DESC LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, f.limit, (f.page - 1) * f.limit],
    );
    return { rows, total };
  }

  async message(tenantId: string, appId: string, id: string): Promise<(MessageLogRow & ConversationLogRow) | null> {
    const rows = await this.ds.query(
      `SELECT x.*, ${WHO}, fb.* FROM messages x ${WHO_JOIN} ${FEEDBACK('message_id')} WHERE x.tenant_id = $1 AND x.app_id = $2 AND x.id = $3`,
      [tenantId, appId, id],
    );
    return rows[0] ?? null;
  }

  /** Dify's history page: the newest `limit` before `firstId` (exclusive), returned oldest first. */
  async messages(conversationId: string, limit: number, firstId: string | null): Promise<{ rows: MessageLogRow[]; hasMore: boolean }> {
    const args: unknown[] = [conversationId, limit + 1];
    let before = '';
    if (firstId) {
      args.push(firstId);
      before = `AND (x.created_at, x.id) < (SELECT created_at, id FROM messages WHERE id = $3)`;
    }
    const rows: MessageLogRow[] = await this.ds.query(
      `SELECT x.*, ${WHO} FROM messages x ${WHO_JOIN}
        WHERE x.conversation_id = $1 ${before} ORDER BY x.created_at DESC, x.id DESC LIMIT $2`,
      args,
    );
    return { rows: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
  }

  async messageInConversation(conversationId: string, id: string): Promise<boolean> {
    const rows = await this.ds.query('SELECT 1 FROM messages WHERE conversation_id = $1 AND id = $2', [conversationId, id]);
    return rows.length > 0;
  }

  feedbacks(messageIds: string[]): Promise<FeedbackLogRow[]> {
    if (!messageIds.length) return Promise.resolve([]);
    return this.ds.query(
      'SELECT message_id, rating, content, from_source, end_user_id, from_account_id FROM message_feedbacks WHERE message_id = ANY($1::uuid[]) ORDER BY from_source DESC',
      [messageIds],
    );
  }

  async setAdminFeedback(
    tenantId: string,
    appId: string,
    messageId: string,
    accountId: string,
    rating: string | null,
    content: string | null,
  ): Promise<boolean> {
    const msg = await this.ds.query('SELECT conversation_id FROM messages WHERE tenant_id = $1 AND app_id = $2 AND id = $3', [tenantId, appId, messageId]);
    if (!msg.length) return false;
    if (rating === null) {
      await this.ds.query(`DELETE FROM message_feedbacks WHERE message_id = $1 AND from_source = 'admin'`, [messageId]);
      return true;
    }
    await this.ds.query(
      `INSERT INTO message_feedbacks (tenant_id, app_id, message_id, conversation_id, rating, content, from_source, from_account_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'admin', $7)
       ON CONFLICT (message_id, from_source) DO UPDATE SET rating = EXCLUDED.rating, content = EXCLUDED.content, from_account_id = EXCLUDED.from_account_id, updated_at = now()`,
      [tenantId, appId, messageId, msg[0].conversation_id, rating, content, accountId],
    );
    return true;
  }

  async deleteConversation(tenantId: string, appId: string, id: string): Promise<boolean> {
    const rows = await this.ds.query(
      `WITH gone AS (UPDATE conversations SET is_deleted = true, updated_at = now()
                      WHERE tenant_id = $1 AND app_id = $2 AND id = $3 AND NOT is_deleted RETURNING id)
       SELECT id FROM gone`,
      [tenantId, appId, id],
    );
    return rows.length > 0;
  }

  private dateAndKeyword(where: string[], args: unknown[], f: LogFilter, keyword: (param: string) => string) {
    if (f.start) {
      args.push(f.start);
      where.push(`x.created_at >= $${args.length}`);
    }
    if (f.end) {
      args.push(f.end);
      where.push(`x.created_at <= $${args.length}`);
    }
    if (f.keyword?.trim()) {
      args.push(like(f.keyword.trim()));
      where.push(keyword(`$${args.length}`));
    }
  }
}
