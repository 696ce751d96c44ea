import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface Turn {
  query: string;
  answer: string;
}

/** Earlier finished turns of a chatflow conversation: what an LLM node's memory puts in the prompt. */
@Injectable()
export class ConversationHistoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async recent(tenantId: string, conversationId: string, limit: number): Promise<Turn[]> {
    const rows: Turn[] = await this.ds.query(
      `SELECT query, answer FROM messages WHERE tenant_id = $1 AND conversation_id = $2 AND status = 'normal' ORDER BY created_at DESC LIMIT $3`,
      [tenantId, conversationId, limit],
    );
    return rows.reverse();
  }
}
