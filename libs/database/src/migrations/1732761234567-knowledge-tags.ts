import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dify's knowledge tags: named per workspace, bound to datasets. `target_id` has no foreign key
 * because Dify uses the same bindings for app tags; the dataset service removes a dataset's
 * bindings when it deletes the dataset.
 */
export class KnowledgeTags1732761234567 implements MigrationInterface {
  name = 'KnowledgeTags1732761234567';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        type varchar NOT NULL DEFAULT 'knowledge',
        name varchar NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX tags_tenant_type_name_uq ON tags (tenant_id, type, name);

      CREATE TABLE tag_bindings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        tag_id uuid NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        target_id uuid NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX tag_bindings_tag_target_uq ON tag_bindings (tag_id, target_id);
      CREATE INDEX tag_bindings_target_idx ON tag_bindings (tenant_id, target_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS tag_bindings, tags');
  }
}
