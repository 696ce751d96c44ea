import { MigrationInterface, QueryRunner } from 'typeorm';

/** Workspaces, accounts, apps, keys, end users, conversations, messages, feedback, files, credentials. */
export class Init1732406400000 implements MigrationInterface {
  name = 'Init1732406400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE setups (version varchar PRIMARY KEY, setup_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        email varchar NOT NULL,
        name varchar NOT NULL,
        password_hash varchar NOT NULL,
        role varchar NOT NULL DEFAULT 'owner',
        status varchar NOT NULL DEFAULT 'active',
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX accounts_email_uq ON accounts (lower(email));
      CREATE TABLE apps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar NOT NULL,
        description varchar NOT NULL DEFAULT '',
        mode varchar NOT NULL,
        icon varchar,
        icon_background varchar,
        status varchar NOT NULL DEFAULT 'normal',
        enable_site boolean NOT NULL DEFAULT true,
        enable_api boolean NOT NULL DEFAULT true,
        api_rpm integer NOT NULL DEFAULT 0,
        api_rph integer NOT NULL DEFAULT 0,
        is_demo boolean NOT NULL DEFAULT false,
        max_active_requests integer NOT NULL DEFAULT 0,
        app_model_config_id uuid,
        workflow_id uuid,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX apps_tenant_idx ON apps (tenant_id, created_at DESC);
      CREATE TABLE app_model_configs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        config jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX app_model_configs_app_idx ON app_model_configs (app_id);
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        app_id uuid REFERENCES apps(id) ON DELETE CASCADE,
        type varchar NOT NULL,
        token_hash varchar NOT NULL,
        token_hint varchar NOT NULL,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX api_tokens_hash_uq ON api_tokens (token_hash);
      CREATE INDEX api_tokens_app_idx ON api_tokens (tenant_id, app_id);
      CREATE TABLE end_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        type varchar NOT NULL,
        session_id varchar NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX end_users_session_uq ON end_users (app_id, type, session_id);
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        end_user_id uuid NOT NULL REFERENCES end_users(id) ON DELETE CASCADE,
        mode varchar NOT NULL,
        name varchar NOT NULL DEFAULT '',
        inputs jsonb NOT NULL DEFAULT '{}',
        introduction varchar NOT NULL DEFAULT '',
        status varchar NOT NULL DEFAULT 'normal',
        dialogue_count integer NOT NULL DEFAULT 0,
        is_deleted boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX conversations_user_idx ON conversations (app_id, end_user_id, updated_at DESC) WHERE NOT is_deleted;
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
        end_user_id uuid NOT NULL,
        parent_message_id uuid,
        inputs jsonb NOT NULL DEFAULT '{}',
        query text NOT NULL DEFAULT '',
        answer text NOT NULL DEFAULT '',
        status varchar NOT NULL DEFAULT 'normal',
        error text,
        message_tokens integer NOT NULL DEFAULT 0,
        answer_tokens integer NOT NULL DEFAULT 0,
        total_price numeric(20,7) NOT NULL DEFAULT 0,
        currency varchar NOT NULL DEFAULT 'USD',
        latency double precision NOT NULL DEFAULT 0,
        provider varchar,
        model varchar,
        retriever_resources jsonb NOT NULL DEFAULT '[]',
        message_files jsonb NOT NULL DEFAULT '[]',
        workflow_run_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at DESC, id DESC);
      CREATE TABLE message_feedbacks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        app_id uuid NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
        message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        conversation_id uuid,
        rating varchar NOT NULL,
        content text,
        from_source varchar NOT NULL DEFAULT 'user',
        end_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX message_feedbacks_uq ON message_feedbacks (message_id, from_source);
      CREATE TABLE upload_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        app_id uuid,
        storage_key varchar NOT NULL,
        name varchar NOT NULL,
        size bigint NOT NULL,
        extension varchar NOT NULL,
        mime_type varchar NOT NULL,
        created_by_role varchar NOT NULL,
        created_by uuid NOT NULL,
        hash varchar NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE provider_credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        provider varchar NOT NULL,
        encrypted_config text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX provider_credentials_uq ON provider_credentials (tenant_id, provider);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS provider_credentials, upload_files, message_feedbacks, messages,
      conversations, end_users, api_tokens, app_model_configs, apps, accounts, setups, tenants CASCADE`);
  }
}
