import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dify's `exceptions_count` of a run (nodes whose failure their error strategy handled), shown in workflow logs. */
export class WorkflowRunExceptions1733300000001 implements MigrationInterface {
  name = 'WorkflowRunExceptions1733300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_runs ADD COLUMN exceptions_count integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_runs DROP COLUMN exceptions_count`);
  }
}
