import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dify's `dataset_process_rules`: every document creation (or re-processing with a new rule) stores the
 * rule it used as a row, and documents point at it (`dataset_process_rule_id`). Segments record who wrote
 * and last edited them (`created_by`, `updated_by`), as Dify's do. Existing documents get a rule row made
 * from the rule they carry; existing segments take their document's creator.
 */
export class ProcessRulesAndActors1733300000000 implements MigrationInterface {
  name = 'ProcessRulesAndActors1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dataset_process_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        mode varchar NOT NULL,
        rules jsonb,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dataset_process_rules_dataset_idx ON dataset_process_rules (dataset_id, created_at DESC);
      ALTER TABLE documents ADD COLUMN dataset_process_rule_id uuid;
      UPDATE documents SET dataset_process_rule_id = gen_random_uuid();
      INSERT INTO dataset_process_rules (id, tenant_id, dataset_id, mode, rules, created_by, created_at)
        SELECT dataset_process_rule_id, tenant_id, dataset_id, coalesce(process_rule->>'mode', 'automatic'), process_rule->'rules', created_by, created_at
          FROM documents;
      ALTER TABLE document_segments ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
      UPDATE document_segments s SET created_by = d.created_by FROM documents d WHERE d.id = s.document_id;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE document_segments DROP COLUMN created_by, DROP COLUMN updated_by;
      ALTER TABLE documents DROP COLUMN dataset_process_rule_id;
      DROP TABLE dataset_process_rules;
    `);
  }
}
