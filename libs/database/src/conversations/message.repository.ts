import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Message, MessageFeedback } from '../entities';

@Injectable()
export class MessageRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(Message);
  }

  findInApp(appId: string, id: string): Promise<Message | null> {
    return this.repo.findOne({ where: { id, appId } });
  }

  /** Newest turns first, for memory; the caller reverses and trims to the token budget. */
  recentTurns(conversationId: string, limit: number): Promise<Pick<Message, 'query' | 'answer' | 'status'>[]> {
    return this.repo.find({
      select: { query: true, answer: true, status: true },
      where: { conversationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Dify's history page: the newest `limit` before `first` (exclusive), returned oldest-first. */
  async historyPage(conversationId: string, limit: number, first: Message | null) {
    const qb = this.repo.createQueryBuilder('m').where('m.conversation_id = :conversationId', { conversationId });
    if (first) qb.andWhere('(m.created_at, m.id) < (:at, :id)', { at: first.createdAt, id: first.id });
    const rows = await qb
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit + 1)
      .getMany();
    return { rows: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
  }

  async feedbacksFor(messageIds: string[]): Promise<Map<string, MessageFeedback>> {
    if (!messageIds.length) return new Map();
    const rows = await this.ds
      .getRepository(MessageFeedback)
      .createQueryBuilder('f')
      .where('f.message_id IN (:...ids) AND f.from_source = :src', { ids: messageIds, src: 'user' })
      .getMany();
    return new Map(rows.map((r) => [r.messageId, r]));
  }

  async setFeedback(m: Message, rating: 'like' | 'dislike' | null, content: string | null, endUserId: string): Promise<void> {
    if (rating === null) {
      await this.ds.getRepository(MessageFeedback).delete({ messageId: m.id, fromSource: 'user' });
      return;
    }
    await this.ds.query(
      `INSERT INTO message_feedbacks (tenant_id, app_id, message_id, conversation_id, rating, content, from_source, end_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'user', $7)
       ON CONFLICT (message_id, from_source) DO UPDATE SET rating = EXCLUDED.rating, content = EXCLUDED.content, updated_at = now()`,
      [m.tenantId, m.appId, m.id, m.conversationId, rating, content, endUserId],
    );
  }

  /**
   * Turns left `running` by a generation that will never finish them (its process was killed, or
   * the final write failed while the database was away): marked `error` with `reason`. Returns how many.
   */
  async failOrphans(olderThanSeconds: number, reason: string): Promise<number> {
    const res = await this.ds.query(
      `UPDATE messages SET status = 'error', error = $2, updated_at = now()
        WHERE status = 'running' AND created_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds, reason],
    );
    return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
  }
}
