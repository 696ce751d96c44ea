import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * A chatflow turn in the same tables the chat service uses (end_users, conversations, messages),
 * so `/v1/messages` and `/v1/conversations` work the same for chatflow apps.
 */
@Injectable()
export class ChatflowRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async conversation(
    appId: string,
    endUserId: string,
    id: string,
  ): Promise<{
    id: string;
    inputs: Record<string, unknown>;
    dialogueCount: number;
    variables: Record<string, unknown>;
    createdAt: Date;
    updatedAt: Date;
  } | null> {
    const rows = await this.ds.query(
      `SELECT id, inputs, variables, dialogue_count AS "dialogueCount", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM conversations WHERE id = $1 AND app_id = $2 AND end_user_id = $3 AND NOT is_deleted`,
      [id, appId, endUserId],
    );
    return rows[0] ?? null;
  }

  async startTurn(p: {
    tenantId: string;
    appId: string;
    endUserId: string;
    conversationId: string | null;
    name: string;
    inputs: Record<string, unknown>;
    query: string;
  }) {
    const conversationId = p.conversationId ?? randomUUID();
    const messageId = randomUUID();
    if (!p.conversationId) {
      await this.ds.query(
        `INSERT INTO conversations (id, tenant_id, app_id, end_user_id, mode, name, inputs) VALUES ($1, $2, $3, $4, 'advanced-chat', $5, $6)`,
        [conversationId, p.tenantId, p.appId, p.endUserId, p.name, JSON.stringify(p.inputs)],
      );
    }
    const rows = await this.ds.query(
      `INSERT INTO messages (id, tenant_id, app_id, conversation_id, end_user_id, inputs, query, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'running') RETURNING created_at`,
      [messageId, p.tenantId, p.appId, conversationId, p.endUserId, JSON.stringify(p.inputs), p.query],
    );
    return { conversationId, messageId, createdAt: rows[0].created_at as Date };
  }

  async finishTurn(
    messageId: string,
    conversationId: string,
    p: { answer: string; status: string; error: string | null; runId: string | null; tokens: number; latency: number; variables: Record<string, unknown> },
  ) {
    await this.ds.query(
      `WITH m AS (UPDATE messages SET answer = $2, status = $3, error = $4, workflow_run_id = $5, answer_tokens = $6, latency = $7, updated_at = now() WHERE id = $1)
       UPDATE conversations SET updated_at = now(), dialogue_count = dialogue_count + 1, variables = $9 WHERE id = $8`,
      [messageId, p.answer, p.status, p.error, p.runId, p.tokens, p.latency, conversationId, JSON.stringify(p.variables)],
    );
  }

  async setVariables(conversationId: string, variables: Record<string, unknown>) {
    await this.ds.query('UPDATE conversations SET variables = $2, updated_at = now() WHERE id = $1', [conversationId, JSON.stringify(variables)]);
  }
}
