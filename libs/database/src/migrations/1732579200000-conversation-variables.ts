import { MigrationInterface, QueryRunner } from 'typeorm';

/** Chatflow conversation variables live with their conversation. */
export class ConversationVariables1732579200000 implements MigrationInterface {
  name = 'ConversationVariables1732579200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversations ADD COLUMN IF NOT EXISTS variables jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE conversations DROP COLUMN IF EXISTS variables');
  }
}
