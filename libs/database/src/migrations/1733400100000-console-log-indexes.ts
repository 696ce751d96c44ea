import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console's log pages read an app's conversations and messages regardless of end user (the
 * existing indexes lead with the end user or the conversation), completion messages (which have no
 * conversation), and feedback counts per conversation. A `from_account_id` tells whose admin
 * rating a console feedback is, as Dify records it.
 */
export class ConsoleLogIndexes1733400100000 implements MigrationInterface {
  name = 'ConsoleLogIndexes1733400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX IF NOT EXISTS conversations_app_updated_idx ON conversations (app_id, updated_at DESC) WHERE NOT is_deleted;
      CREATE INDEX IF NOT EXISTS messages_app_completion_idx ON messages (app_id, created_at DESC) WHERE conversation_id IS NULL;
      CREATE INDEX IF NOT EXISTS message_feedbacks_conversation_idx ON message_feedbacks (conversation_id);
      ALTER TABLE message_feedbacks ADD COLUMN IF NOT EXISTS from_account_id uuid;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS conversations_app_updated_idx;
      DROP INDEX IF EXISTS messages_app_completion_idx;
      DROP INDEX IF EXISTS message_feedbacks_conversation_idx;
      ALTER TABLE message_feedbacks DROP COLUMN IF EXISTS from_account_id;
    `);
  }
}
