import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Conversation } from '../entities';

export type SortBy = 'created_at' | '-created_at' | 'updated_at' | '-updated_at';

@Injectable()
export class ConversationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(Conversation);
  }

  findOwned(appId: string, endUserId: string, id: string): Promise<Conversation | null> {
    return this.repo.findOne({ where: { id, appId, endUserId, isDeleted: false } });
  }

  /** Several generated titles in one statement (the namer batches them). */
  async setNames(names: { id: string; name: string }[]): Promise<void> {
    await this.ds.query(
      `UPDATE conversations c SET name = v.name, updated_at = now()
         FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::text[]) AS name) v WHERE c.id = v.id`,
      [names.map((n) => n.id), names.map((n) => n.name)],
    );
  }

  async rename(id: string, name: string): Promise<Conversation> {
    await this.repo.update({ id }, { name, updatedAt: new Date() });
    return (await this.repo.findOne({ where: { id } }))!;
  }

  async softDelete(id: string): Promise<void> {
    await this.repo.update({ id }, { isDeleted: true });
  }

  /** Cursor page for the Service API: items after `last` in sort order, limit+1 to learn has_more. */
  async cursorPage(appId: string, endUserId: string, sortBy: SortBy, limit: number, last: Conversation | null, pinned?: boolean) {
    const field = sortBy.replace('-', '') as 'created_at' | 'updated_at';
    const desc = sortBy.startsWith('-');
    const qb = this.repo.createQueryBuilder('c').where('c.app_id = :appId AND c.end_user_id = :endUserId AND NOT c.is_deleted', { appId, endUserId });
    if (pinned !== undefined) qb.andWhere('c.is_pinned = :pinned', { pinned });
    if (last) {
      const lastVal = field === 'created_at' ? last.createdAt : last.updatedAt;
      qb.andWhere(`(c.${field}, c.id) ${desc ? '<' : '>'} (:v, :id)`, { v: lastVal, id: last.id });
    }
    const rows = await qb
      .orderBy(`c.${field}`, desc ? 'DESC' : 'ASC')
      .addOrderBy('c.id', desc ? 'DESC' : 'ASC')
      .take(limit + 1)
      .getMany();
    return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  /** Page-numbered list for the seed's Web API shape. */
  async page(appId: string, endUserId: string, sortBy: SortBy, page: number, limit: number) {
    const field = sortBy.replace('-', '');
    const [rows, total] = await this.repo
      .createQueryBuilder('c')
      .where('c.app_id = :appId AND c.end_user_id = :endUserId AND NOT c.is_deleted', { appId, endUserId })
      .orderBy(`c.${field}`, sortBy.startsWith('-') ? 'DESC' : 'ASC')
      .addOrderBy('c.id', 'DESC')
      .skip((page - 1) * limit)
      .take(limit)
      .getManyAndCount();
    return { rows, total };
  }

  async setPinned(id: string, pinned: boolean): Promise<void> {
    // Pinning is not a change to the conversation: updated_at (its sort key) stays.
    await this.repo
      .createQueryBuilder()
      .update(Conversation)
      .set({ isPinned: pinned, updatedAt: () => 'updated_at' })
      .where('id = :id', { id })
      .execute();
  }
}
