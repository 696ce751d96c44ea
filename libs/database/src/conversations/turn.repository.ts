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

/**
 * The two writes of a generation, each one statement (one commit) on the hot path: the turn
 * starts (new conversation and running message together), and the turn ends (answer, usage and
 * the conversation's updated_at together). Ids are made here so no read-back is needed.
 */
@Injectable()
export class TurnRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async start(conversationId: string | null, conv: NewConversation | null, m: NewMessage): Promise<{ messageId: string; conversationId: string | null; createdAt: Date }> {
    const messageId = randomUUID();
    const msgCols = `(id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status, provider, model, message_files)`;
    const msgVals = [messageId, m.tenantId, m.appId, null as string | null, m.endUserId, JSON.stringify(m.inputs), m.query, 'running', m.provider, m.model, JSON.stringify(m.messageFiles)];
    if (conv) {
      const cid = randomUUID();
      msgVals[3] = cid;
      const rows = await this.ds.query(
        `WITH c AS (
           INSERT INTO conversations (id, tenant_id, app_id, end_user_id, mode, name, inputs, introduction)
           VALUES ($12, $2, $3, $5, $13, $14, $6, $15))
         INSERT INTO messages ${msgCols} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING created_at`,
        [...msgVals, cid, conv.mode, conv.name, conv.introduction],
      );
      return { messageId, conversationId: cid, createdAt: rows[0].created_at };
    }
    msgVals[3] = conversationId;
    const rows = await this.ds.query(`INSERT INTO messages ${msgCols} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING created_at`, msgVals);
    return { messageId, conversationId, createdAt: rows[0].created_at };
  }

  async finish(messageId: string, conversationId: string | null, t: FinishedTurn): Promise<void> {
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
    const dialogue = t.status === 'normal' ? 1 : 0;
    await this.ds.query(
      `WITH m AS (${update})
       UPDATE conversations SET updated_at = now(), dialogue_count = dialogue_count + $11 WHERE id = $10`,
      [...params, conversationId, dialogue],
    );
  }
}
