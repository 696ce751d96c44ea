import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knowledge bases. Full-text search uses PostgreSQL's `simple` configuration over a token string
 * the application builds (lower-cased words, CJK unigrams and bigrams), so Chinese and Japanese
 * text is searchable without a server-side dictionary; a GIN index serves it.
 */
export class Knowledge1732752000000 implements MigrationInterface {
  name = 'Knowledge1732752000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE datasets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar NOT NULL,
        description text NOT NULL DEFAULT '',
        provider varchar NOT NULL DEFAULT 'vendor',
        permission varchar NOT NULL DEFAULT 'only_me',
        indexing_technique varchar,
        embedding_model varchar,
        embedding_model_provider varchar,
        embedding_dimension integer,
        retrieval_model jsonb,
        latest_process_rule jsonb,
        doc_form varchar,
        data_source_type varchar,
        enable_api boolean NOT NULL DEFAULT true,
        built_in_field_enabled boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX datasets_tenant_name_uq ON datasets (tenant_id, name);
      CREATE INDEX datasets_tenant_created_idx ON datasets (tenant_id, created_at DESC);

      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        position integer NOT NULL,
        data_source_type varchar NOT NULL DEFAULT 'upload_file',
        data_source_info jsonb NOT NULL DEFAULT '{}',
        file_id uuid,
        process_rule jsonb NOT NULL,
        batch varchar NOT NULL,
        name varchar NOT NULL,
        created_from varchar NOT NULL DEFAULT 'api',
        created_by uuid,
        indexing_status varchar NOT NULL DEFAULT 'waiting',
        generation integer NOT NULL DEFAULT 0,
        processing_started_at timestamptz,
        parsing_completed_at timestamptz,
        cleaning_completed_at timestamptz,
        splitting_completed_at timestamptz,
        completed_at timestamptz,
        is_paused boolean NOT NULL DEFAULT false,
        paused_by uuid,
        paused_at timestamptz,
        error text,
        stopped_at timestamptz,
        stage_deadline_at timestamptz,
        indexing_latency double precision,
        word_count integer NOT NULL DEFAULT 0,
        tokens integer NOT NULL DEFAULT 0,
        total_segments integer NOT NULL DEFAULT 0,
        completed_segments integer NOT NULL DEFAULT 0,
        enabled boolean NOT NULL DEFAULT true,
        disabled_at timestamptz,
        archived boolean NOT NULL DEFAULT false,
        archived_at timestamptz,
        doc_form varchar NOT NULL DEFAULT 'text_model',
        doc_language varchar NOT NULL DEFAULT 'English',
        doc_metadata jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX documents_dataset_idx ON documents (dataset_id, position);
      CREATE INDEX documents_batch_idx ON documents (dataset_id, batch);
      CREATE INDEX documents_stage_deadline_idx ON documents (stage_deadline_at) WHERE stage_deadline_at IS NOT NULL;

      CREATE TABLE document_segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position integer NOT NULL,
        content text NOT NULL,
        answer text,
        word_count integer NOT NULL DEFAULT 0,
        tokens integer NOT NULL DEFAULT 0,
        keywords jsonb NOT NULL DEFAULT '[]',
        meta jsonb NOT NULL DEFAULT '{}',
        index_node_id uuid NOT NULL,
        index_node_hash varchar NOT NULL,
        hit_count integer NOT NULL DEFAULT 0,
        enabled boolean NOT NULL DEFAULT true,
        disabled_at timestamptz,
        status varchar NOT NULL DEFAULT 'waiting',
        indexing_at timestamptz,
        completed_at timestamptz,
        error text,
        stopped_at timestamptz,
        search_vector tsvector,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX document_segments_doc_pos_uq ON document_segments (document_id, position);
      CREATE UNIQUE INDEX document_segments_node_uq ON document_segments (index_node_id);
      CREATE INDEX document_segments_dataset_idx ON document_segments (dataset_id, status);
      CREATE INDEX document_segments_fts_idx ON document_segments USING gin (search_vector);

      CREATE TABLE child_chunks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        segment_id uuid NOT NULL REFERENCES document_segments(id) ON DELETE CASCADE,
        position integer NOT NULL,
        content text NOT NULL,
        word_count integer NOT NULL DEFAULT 0,
        tokens integer NOT NULL DEFAULT 0,
        index_node_id uuid NOT NULL,
        index_node_hash varchar NOT NULL,
        type varchar NOT NULL DEFAULT 'automatic',
        search_vector tsvector,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX child_chunks_segment_pos_uq ON child_chunks (segment_id, position);
      CREATE UNIQUE INDEX child_chunks_node_uq ON child_chunks (index_node_id);
      CREATE INDEX child_chunks_dataset_idx ON child_chunks (dataset_id);
      CREATE INDEX child_chunks_fts_idx ON child_chunks USING gin (search_vector);

      CREATE TABLE dataset_metadatas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        name varchar NOT NULL,
        type varchar NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX dataset_metadatas_name_uq ON dataset_metadatas (dataset_id, name);

      CREATE TABLE embeddings (
        provider_name varchar NOT NULL,
        model_name varchar NOT NULL,
        hash varchar NOT NULL,
        embedding bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_name, model_name, hash)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS embeddings, dataset_metadatas, child_chunks, document_segments, documents, datasets');
  }
}
