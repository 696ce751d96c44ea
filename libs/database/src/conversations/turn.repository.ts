import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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

/** A turn under way: its first rows being written (`written`), or held until the end (`unwritten`). */
export interface PendingTurn {
  messageId: string;
  conversationId: string | null;
  createdAt: Date;
  written?: Promise<void>;
  unwritten?: { conv: NewConversation | null; m: NewMessage };
}

const MSG_COLS = `(id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status, provider, model, message_files, created_at)`;
const CONV_INSERT = `INSERT INTO conversations (id, tenant_id, app_id, end_user_id, mode, name, inputs, introduction, dialogue_count)`;

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

/** The first rows of streamed turns: new conversations and running messages. */
const START_TURNS = `WITH t AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::jsonb[], $7::text[], $8::varchar[], $9::varchar[],
      $10::jsonb[], $11::timestamptz[], $12::bool[], $13::varchar[], $14::varchar[], $15::text[])
      AS t(id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, provider, model, message_files, created_at, new_conversation, mode, name, introduction)),
  c AS (${CONV_INSERT} SELECT conversation_id, tenant_id, app_id, end_user_id, mode, name, inputs, introduction, 0 FROM t WHERE new_conversation)
  INSERT INTO messages ${MSG_COLS}
    SELECT id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, 'running', provider, model, message_files, created_at FROM t`;

/** The ends of streamed turns: answers and usage, and their conversations' counters. */
const FINISH_TURNS = `WITH t AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::varchar[], $4::text[], $5::int[], $6::int[], $7::numeric[], $8::float8[], $9::jsonb[], $10::uuid[], $11::int[])
      AS t(id, answer, status, error, message_tokens, answer_tokens, total_price, latency, retriever_resources, conversation_id, dialogue)),
  m AS (UPDATE messages SET answer = t.answer, status = t.status, error = t.error, message_tokens = t.message_tokens, answer_tokens = t.answer_tokens,
          total_price = t.total_price, latency = t.latency, retriever_resources = t.retriever_resources, updated_at = now()
          FROM t WHERE messages.id = t.id)
  UPDATE conversations c SET updated_at = now(), dialogue_count = c.dialogue_count + d.n
    FROM (SELECT conversation_id, sum(dialogue)::int AS n FROM t WHERE conversation_id IS NOT NULL GROUP BY 1) d
   WHERE c.id = d.conversation_id`;

/** The most turns one statement carries. */
const MAX_BATCH = 256;

/**
 * A group commit: rows that arrive while a statement is under way go together in the next one.
 * At low load every row is written at once; under load, one commit carries many turns. A
 * refused batch is retried row by row, so a row PostgreSQL refuses fails only its own turn.
 */
class GroupWriter {
  private queue: { row: unknown[]; done: (err?: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly write: (columns: unknown[][]) => Promise<unknown>) {}

  add(row: unknown[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.writing) void this.drain();
    });
  }

  private columns(rows: unknown[][]): unknown[][] {
    return rows[0].map((_, col) => rows.map((r) => r[col]));
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.write(this.columns(batch.map((p) => p.row)));
        for (const p of batch) p.done();
      } catch (err) {
        if (batch.length === 1) batch[0].done(err);
        else
          for (const p of batch)
            await this.write(this.columns([p.row])).then(
              () => p.done(),
              (e) => p.done(e),
            );
      }
    }
    this.writing = false;
  }
}

/**
 * The writes of a generation, as prepared statements on the pool's connections (no ORM in
 * between). A streamed turn is written as it starts (new conversation and running message
 * together: the client holds their ids from the first event) and updated as it ends. A blocking
 * turn's ids reach nobody before its answer, so it is written once, complete, when it ends. Each
 * kind of write is group-committed (GroupWriter). Ids are made here so no read-back is needed.
 */
@Injectable()
export class TurnRepository {
  private readonly starts = new GroupWriter((cols) => this.query('turns-start', START_TURNS, cols));
  private readonly finishes = new GroupWriter((cols) => this.query('turns-finish', FINISH_TURNS, cols));
  private readonly wholes = new GroupWriter((cols) => this.query('turns-write', WRITE_TURNS, cols));

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private query<T = Record<string, unknown>>(name: string, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.ds.driver as unknown as { master: { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> } }).master;
    return pool.query({ name, text, values }).then((r) => r.rows);
  }

  /**
   * Ids and the start time at once; the first rows are being written meanwhile (`written`), or,
   * `deferred`, not until finish().
   */
  start(conversationId: string | null, conv: NewConversation | null, m: NewMessage, deferred = false): PendingTurn {
    const messageId = randomUUID();
    const cid = conv ? randomUUID() : conversationId;
    const createdAt = new Date();
    if (deferred) return { messageId, conversationId: cid, createdAt, unwritten: { conv, m } };
    const written = this.starts.add([
      messageId,
      m.tenantId,
      m.appId,
      cid,
      m.endUserId,
      JSON.stringify(m.inputs),
      m.query,
      m.provider,
      m.model,
      JSON.stringify(m.messageFiles),
      createdAt,
      !!conv,
      conv?.mode ?? null,
      conv?.name ?? null,
      conv?.introduction ?? null,
    ]);
    written.catch(() => undefined);
    return { messageId, conversationId: cid, createdAt, written };
  }

  async finish(turn: PendingTurn, t: FinishedTurn): Promise<void> {
    const dialogue = t.status === 'normal' ? 1 : 0;
    await turn.written;
    if (turn.unwritten) return this.writeWhole(turn, turn.unwritten, t, dialogue);
    await this.finishes.add([
      turn.messageId,
      t.answer,
      t.status,
      t.error ?? null,
      t.messageTokens ?? 0,
      t.answerTokens ?? 0,
      t.totalPrice ?? '0',
      t.latency,
      JSON.stringify(t.retrieverResources ?? []),
      turn.conversationId,
      dialogue,
    ]);
  }

  private writeWhole(turn: PendingTurn, u: NonNullable<PendingTurn['unwritten']>, t: FinishedTurn, dialogue: number): Promise<void> {
    const { m, conv } = u;
    return this.wholes.add([
      turn.messageId,
      m.tenantId,
      m.appId,
      turn.conversationId,
      m.endUserId,
      JSON.stringify(m.inputs),
      m.query,
      t.status,
      m.provider,
      m.model,
      JSON.stringify(m.messageFiles),
      t.answer,
      t.error ?? null,
      t.messageTokens ?? 0,
      t.answerTokens ?? 0,
      t.totalPrice ?? '0',
      t.latency,
      JSON.stringify(t.retrieverResources ?? []),
      turn.createdAt,
      dialogue,
      !!conv,
      conv?.mode ?? null,
      conv?.name ?? null,
      conv?.introduction ?? null,
    ]);
  }
}
