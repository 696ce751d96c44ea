import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dify's web app pins conversations (`PATCH /api/conversations/{id}/pin|unpin`, `?pinned=`); a conversation has one owner, so a flag will do. */
export class ConversationPins1733011300000 implements MigrationInterface {
  name = 'ConversationPins1733011300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE conversations ADD COLUMN is_pinned boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE conversations DROP COLUMN IF EXISTS is_pinned');
  }
}
