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

/**
 * The writes of a generation, each one statement (one commit) on the hot path. A streamed turn
 * is written as it starts (new conversation and running message together: the client holds their
 * ids from the first event) and updated as it ends. A blocking turn's ids reach nobody before its
 * answer, so it is written once, complete, when it ends. Ids are made here so no read-back is needed.
 */
@Injectable()
export class TurnRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** `deferred`: nothing is written until finish(). */
  async start(conversationId: string | null, conv: NewConversation | null, m: NewMessage, deferred = false): Promise<Turn> {
    const messageId = randomUUID();
    const cid = conv ? randomUUID() : conversationId;
    if (deferred) return { messageId, conversationId: cid, createdAt: new Date(), unwritten: { conv, m } };
    const msgVals = [messageId, m.tenantId, m.appId, cid, m.endUserId, JSON.stringify(m.inputs), m.query, 'running', m.provider, m.model, JSON.stringify(m.messageFiles)];
    if (conv) {
      const rows = await this.ds.query(
        `WITH c AS (${CONV_INSERT} VALUES ($12, $2, $3, $5, $13, $14, $6, $15, 0))
         INSERT INTO messages ${MSG_COLS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING created_at`,
        [...msgVals, cid, conv.mode, conv.name, conv.introduction],
      );
      return { messageId, conversationId: cid, createdAt: rows[0].created_at };
    }
    const rows = await this.ds.query(`INSERT INTO messages ${MSG_COLS} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING created_at`, msgVals);
    return { messageId, conversationId: cid, createdAt: rows[0].created_at };
  }

  async finish(turn: Turn, t: FinishedTurn): Promise<void> {
    const dialogue = t.status === 'normal' ? 1 : 0;
    if (turn.unwritten) return this.writeWhole(turn, turn.unwritten, t, dialogue);
    const { messageId, conversationId } = turn;
    const params = [
      messageId, t.answer, t.status, t.error ?? null, t.messageTokens ?? 0, t.answerTokens ?? 0, t.totalPrice ?? '0', t.latency,
      JSON.stringify(t.retrieverResources ?? []),
    ];
    const update = `UPDATE messages SET answer = $2, status = $3, error = $4, message_tokens = $5, answer_tokens = $6,
      total_price = $7, latency = $8, retriever_resources = $9, updated_at = now() WHERE id = $1`;
    if (!conversationId) {
      await this.ds.query(update, params);
      return;
    }
    await this.ds.query(
      `WITH m AS (${update})
       UPDATE conversations SET updated_at = now(), dialogue_count = dialogue_count + $11 WHERE id = $10`,
      [...params, conversationId, dialogue],
    );
  }

  /** A blocking turn in one statement: the conversation (new, or its counters) and the finished message. */
  private async writeWhole(turn: Turn, u: NonNullable<Turn['unwritten']>, t: FinishedTurn, dialogue: number): Promise<void> {
    const { m, conv } = u;
    const vals = [
      turn.messageId, m.tenantId, m.appId, turn.conversationId, m.endUserId, JSON.stringify(m.inputs), m.query, t.status, m.provider, m.model,
      JSON.stringify(m.messageFiles), t.answer, t.error ?? null, t.messageTokens ?? 0, t.answerTokens ?? 0, t.totalPrice ?? '0', t.latency,
      JSON.stringify(t.retrieverResources ?? []), turn.createdAt, dialogue,
    ];
    const insert = `INSERT INTO messages (id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status, provider, model, message_files,
        answer, error, message_tokens, answer_tokens, total_price, latency, retriever_resources, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())`;
    if (conv) {
      await this.ds.query(`WITH c AS (${CONV_INSERT} VALUES ($4, $2, $3, $5, $21, $22, $6, $23, $20)) ${insert}`, [...vals, conv.mode, conv.name, conv.introduction]);
    } else if (turn.conversationId) {
      await this.ds.query(`WITH m AS (${insert}) UPDATE conversations SET updated_at = now(), dialogue_count = dialogue_count + $20 WHERE id = $4`, vals);
    } else {
      await this.ds.query(insert, vals.slice(0, 19));
    }
  }
}
