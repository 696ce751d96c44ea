import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workflows1732492800000 implements MigrationInterface {
  name = 'Workflows1732492800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        version varchar NOT NULL,
        graph jsonb NOT NULL,
        features jsonb NOT NULL DEFAULT '{}',
        environment_variables jsonb NOT NULL DEFAULT '[]',
        conversation_variables jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX workflows_app_version_uq ON workflows (app_id, version);
      CREATE TABLE workflow_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        end_user_id uuid,
        triggered_from varchar NOT NULL,
        status varchar NOT NULL,
        inputs jsonb NOT NULL DEFAULT '{}',
        outputs jsonb,
        error text,
        elapsed_time double precision NOT NULL DEFAULT 0,
        total_tokens integer NOT NULL DEFAULT 0,
        total_steps integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX workflow_runs_app_idx ON workflow_runs (app_id, created_at DESC);
      CREATE TABLE workflow_node_executions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        workflow_run_id uuid NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
        node_id varchar NOT NULL,
        node_type varchar NOT NULL,
        title varchar NOT NULL DEFAULT '',
        index integer NOT NULL,
        inputs jsonb,
        outputs jsonb,
        process_data jsonb,
        status varchar NOT NULL,
        error text,
        elapsed_time double precision NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX workflow_node_executions_run_idx ON workflow_node_executions (workflow_run_id, index);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS workflow_node_executions, workflow_runs, workflows CASCADE');
  }
}
