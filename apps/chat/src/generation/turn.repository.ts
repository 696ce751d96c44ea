import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface NewConversation {
  tenantId: string;
  appId: string;
  endUserId: string;
  mode: string;
  name: string;
  inputs: Record<string, unknown>;
  introduction: string;
}

export interface NewMessage {
  tenantId: string;
  appId: string;
  endUserId: string;
  inputs: Record<string, unknown>;
  query: string;
  provider: string;
  model: string;
  messageFiles: unknown[];
}

export interface FinishedTurn {
  answer: string;
  status: 'normal' | 'error';
  error?: string | null;
  messageTokens?: number;
  answerTokens?: number;
  totalPrice?: string;
  latency: number;
  retrieverResources?: unknown[];
}

/** A turn under way; `unwritten` holds its rows when they are written only at the end. */
export interface Turn {
  messageId: string;
  conversationId: string | null;
  createdAt: Date;
  unwritten?: { conv: NewConversation | null; m: NewMessage };
}

const MSG_COLS = `(id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status, provider, model, message_files)`;
const CONV_INSERT = `INSERT INTO conversations (id, tenant_id, app_id, end_user_id, mode, name, inputs, introduction, dialogue_count)`;
const FINISH = `UPDATE messages SET answer = $2, status = $3, error = $4, message_tokens = $5, answer_tokens = $6,
  total_price = $7, latency = $8, retriever_resources = $9, updated_at = now() WHERE id = $1`;

/**
 * Whole turns, any number in one statement (one commit): each row's conversation is created or
 * has its counters moved, and its finished message is inserted. Parameters are column arrays.
 */
const WRITE_TURNS = `WITH t AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::jsonb[], $7::text[], $8::varchar[], $9::varchar[],
      $10::varchar[], $11::jsonb[], $12::text[], $13::text[], $14::int[], $15::int[], $16::numeric[], $17::float8[], $18::jsonb[],
      $19::timestamptz[], $20::int[], $21::bool[], $22::varchar[], $23::varchar[], $24::text[])
      AS t(id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status, provider, model, message_files, answer, error,
        message_tokens, answer_tokens, total_price, latency, retriever_resources, created_at, dialogue, new_conversation, mode, name, introduction)),
  c AS (${CONV_INSERT} SELECT conversation_id, tenant_id, app_id, end_user_id, mode, name, inputs, introduction, dialogue FROM t WHERE new_conversation),
  u AS (UPDATE conversations c SET updated_at = now(), dialogue_count = c.dialogue_count + d.n
          FROM (SELECT conversation_id, sum(dialogue)::int AS n FROM t WHERE NOT new_conversation AND conversation_id IS NOT NULL GROUP BY 1) d
         WHERE c.id = d.conversation_id)
  INSERT INTO messages (id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status, provider, model, message_files,
      answer, error, message_tokens, answer_tokens, total_price, latency, retriever_resources, created_at, updated_at)
    SELECT id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status, provider, model, message_files,
      answer, error, message_tokens, answer_tokens, total_price, latency, retriever_resources, created_at, now() FROM t`;

/** The most turns one statement carries. */
const MAX_BATCH = 256;

interface PendingTurn {
  row: unknown[];
  done: (err?: unknown) => void;
}

/**
 * The writes of a generation, each one statement (one commit) on the hot path, as prepared
 * statements on the pool's connections (no ORM in between). A streamed turn is written as it
 * starts (new conversation and running message together: the client holds their ids from the
 * first event) and updated as it ends. A blocking turn's ids reach nobody before its answer, so it
 * is written once, complete, when it ends — and turns that end while another write is under way
 * are written together in the next one (a group commit: under load, one commit for many turns).
 * Ids are made here so no read-back is needed.
 */
@Injectable()
export class TurnRepository {
  private queue: PendingTurn[] = [];
  private writing = false;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private query<T = Record<string, unknown>>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.ds.driver as unknown as { master: { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> } }).master;
    return pool.query({ name, text, values }).then((r) => r.rows);
  }

  /** `deferred`: nothing is written until finish(). */
  async start(conversationId: string | null, conv: NewConversation | null, m: NewMessage, deferred = false): Promise<Turn> {
    const messageId = randomUUID();
    const cid = conv ? randomUUID() : conversationId;
    if (deferred) return { messageId, conversationId: cid, createdAt: new Date(), unwritten: { conv, m } };
    const msgVals = [messageId, m.tenantId, m.appId, cid, m.endUserId, JSON.stringify(m.inputs), m.query, 'running', m.provider, m.model, JSON.stringify(m.messageFiles)];
    if (conv) {
      const rows = await this.query<{ created_at: Date }>(
        'turn-start-new',
        `WITH c AS (${CONV_INSERT} VALUES ($12, $2, $3, $5, $13, $14, $6, $15, 0))
         INSERT INTO messages ${MSG_COLS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING created_at`,
        [...msgVals, cid, conv.mode, conv.name, conv.introduction],
      );
      return { messageId, conversationId: cid, createdAt: rows[0].created_at };
    }
    const rows = await this.query<{ created_at: Date }>('turn-start', `INSERT INTO messages ${MSG_COLS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING created_at`, msgVals);
    return { messageId, conversationId: cid, createdAt: rows[0].created_at };
  }

  async finish(turn: Turn, t: FinishedTurn): Promise<void> {
    const dialogue = t.status === 'normal' ? 1 : 0;
    if (turn.unwritten) return this.writeWhole(turn, turn.unwritten, t, dialogue);
    const params = [
      turn.messageId, t.answer, t.status, t.error ?? null, t.messageTokens ?? 0, t.answerTokens ?? 0, t.totalPrice ?? '0', t.latency,
      JSON.stringify(t.retrieverResources ?? []),
    ];
    if (!turn.conversationId) {
      await this.query('turn-finish', FINISH, params);
      return;
    }
    await this.query(
      'turn-finish-conversation',
      `WITH m AS (${FINISH}) UPDATE conversations SET updated_at = now(), dialogue_count = dialogue_count + $11 WHERE id = $10`,
      [...params, turn.conversationId, dialogue],
    );
  }

  private writeWhole(turn: Turn, u: NonNullable<Turn['unwritten']>, t: FinishedTurn, dialogue: number): Promise<void> {
    const { m, conv } = u;
    const row = [
      turn.messageId, m.tenantId, m.appId, turn.conversationId, m.endUserId, JSON.stringify(m.inputs), m.query, t.status, m.provider, m.model,
      JSON.stringify(m.messageFiles), t.answer, t.error ?? null, t.messageTokens ?? 0, t.answerTokens ?? 0, t.totalPrice ?? '0', t.latency,
      JSON.stringify(t.retrieverResources ?? []), turn.createdAt, dialogue, !!conv, conv?.mode ?? null, conv?.name ?? null, conv?.introduction ?? null,
    ];
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.writeTurns(batch.map((p) => p.row));
        for (const p of batch) p.done();
      } catch (err) {
        if (batch.length === 1) {
          batch[0].done(err);
          continue;
        }
        // One bad turn (input PostgreSQL refuses) must not fail the others: each on its own, each its own answer.
        for (const p of batch) await this.writeTurns([p.row]).then(() => p.done(), (e) => p.done(e));
      }
    }
    this.writing = false;
  }

  private async writeTurns(rows: unknown[][]): Promise<void> {
    await this.query('turns-write', WRITE_TURNS, rows[0].map((_, col) => rows.map((r) => r[col])));
  }
}
