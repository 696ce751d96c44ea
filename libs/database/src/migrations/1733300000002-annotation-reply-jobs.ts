import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each annotation-reply job stays queryable by its id (as Dify keeps each job's status), not only the last one. */
export class AnnotationReplyJobs1733300000002 implements MigrationInterface {
  name = 'AnnotationReplyJobs1733300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_annotation_settings ADD COLUMN recent_jobs jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_annotation_settings DROP COLUMN recent_jobs`);
  }
}
