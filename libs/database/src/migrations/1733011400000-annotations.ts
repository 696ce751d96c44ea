import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dify's annotations: question/answer pairs curated per app. With annotation reply on, a chat query
 * close enough to an annotated question is answered with its answer, without the model. The
 * question's embedding (float32, under the app's annotation model) is kept beside it.
 */
export class Annotations1733011400000 implements MigrationInterface {
  name = 'Annotations1733011400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message_annotations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        question text NOT NULL,
        answer text NOT NULL,
        hit_count integer NOT NULL DEFAULT 0,
        embedding bytea,
        embedding_model varchar,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX message_annotations_app_idx ON message_annotations (app_id, created_at DESC);

      CREATE TABLE app_annotation_settings (
        app_id uuid PRIMARY KEY REFERENCES apps(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        enabled boolean NOT NULL DEFAULT false,
        score_threshold real NOT NULL DEFAULT 0.9,
        embedding_provider varchar NOT NULL DEFAULT 'openai',
        embedding_model varchar NOT NULL,
        last_job_id uuid,
        last_job_status varchar,
        last_job_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS app_annotation_settings, message_annotations');
  }
}
