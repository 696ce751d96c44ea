import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams: an account may belong to several workspaces, each with one of Dify's five roles; invitation
 * and password-reset tokens (stored hashed); per-member dataset permissions; updated_by audit fields.
 * An existing install keeps its data: each workspace's first account becomes its owner.
 */
export class Teams1733500000000 implements MigrationInterface {
  name = 'Teams1733500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_account_joins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        role varchar NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'normal', 'dataset_operator')),
        current boolean NOT NULL DEFAULT false,
        invited_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX tenant_account_joins_uq ON tenant_account_joins (tenant_id, account_id);
      CREATE UNIQUE INDEX tenant_account_joins_owner_uq ON tenant_account_joins (tenant_id) WHERE role = 'owner';
      CREATE INDEX tenant_account_joins_account_idx ON tenant_account_joins (account_id);

      INSERT INTO tenant_account_joins (tenant_id, account_id, role, current, created_at, updated_at)
      SELECT tenant_id, id,
             CASE WHEN rn = 1 THEN 'owner' WHEN role IN ('admin', 'editor', 'normal', 'dataset_operator') THEN role ELSE 'admin' END,
             true, created_at, created_at
        FROM (SELECT a.*, row_number() OVER (PARTITION BY tenant_id ORDER BY (role = 'owner') DESC, created_at, id) AS rn FROM accounts a) x;

      ALTER TABLE accounts DROP COLUMN tenant_id, DROP COLUMN role;
      ALTER TABLE accounts ALTER COLUMN password_hash DROP NOT NULL;
      ALTER TABLE accounts
        ADD COLUMN avatar varchar,
        ADD COLUMN interface_language varchar NOT NULL DEFAULT 'en-US',
        ADD COLUMN timezone varchar NOT NULL DEFAULT 'UTC',
        ADD COLUMN initialized_at timestamptz;

      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose varchar NOT NULL CHECK (purpose IN ('invite', 'reset_password')),
        token_hash varchar NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX account_tokens_hash_uq ON account_tokens (token_hash);
      CREATE INDEX account_tokens_account_idx ON account_tokens (account_id, purpose);

      CREATE TABLE dataset_permissions (
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dataset_id, account_id)
      );
      CREATE INDEX dataset_permissions_account_idx ON dataset_permissions (tenant_id, account_id);

      ALTER TABLE apps ADD COLUMN IF NOT EXISTS updated_by uuid;
      ALTER TABLE datasets ADD COLUMN IF NOT EXISTS updated_by uuid;
      ALTER TABLE documents ADD COLUMN IF NOT EXISTS updated_by uuid;
      ALTER TABLE document_segments ADD COLUMN IF NOT EXISTS created_by uuid, ADD COLUMN IF NOT EXISTS updated_by uuid;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE document_segments DROP COLUMN IF EXISTS updated_by;
      ALTER TABLE documents DROP COLUMN IF EXISTS updated_by;
      ALTER TABLE datasets DROP COLUMN IF EXISTS updated_by;
      ALTER TABLE apps DROP COLUMN IF EXISTS updated_by;
      DROP TABLE dataset_permissions;
      DROP TABLE account_tokens;
      ALTER TABLE accounts ADD COLUMN tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE, ADD COLUMN role varchar NOT NULL DEFAULT 'owner';
      UPDATE accounts a SET tenant_id = j.tenant_id, role = j.role
        FROM (SELECT DISTINCT ON (account_id) account_id, tenant_id, role FROM tenant_account_joins ORDER BY account_id, current DESC, created_at) j
       WHERE j.account_id = a.id;
      DELETE FROM accounts WHERE tenant_id IS NULL;
      UPDATE accounts SET password_hash = '' WHERE password_hash IS NULL;
      ALTER TABLE accounts ALTER COLUMN tenant_id SET NOT NULL, ALTER COLUMN password_hash SET NOT NULL;
      ALTER TABLE accounts DROP COLUMN avatar, DROP COLUMN interface_language, DROP COLUMN timezone, DROP COLUMN initialized_at;
      DROP TABLE tenant_account_joins;
    `);
  }
}
