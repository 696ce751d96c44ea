import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A knowledge base. `name` is unique per workspace (409 `dataset_name_duplicate`). */
@Entity('datasets')
export class Dataset {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() name: string;
  @Column({ type: 'text', default: '' }) description: string;
  /** `vendor` (documents indexed here) or `external`. */
  @Column({ default: 'vendor' }) provider: string;
  /** only_me | all_team_members | partial_members */
  @Column({ default: 'only_me' }) permission: string;
  /** high_quality (embeddings) | economy (full-text only); null until the first document decides it. */
  @Column({ name: 'indexing_technique', type: 'varchar', nullable: true }) indexingTechnique: string | null;
  @Column({ name: 'embedding_model', type: 'varchar', nullable: true }) embeddingModel: string | null;
  @Column({ name: 'embedding_model_provider', type: 'varchar', nullable: true }) embeddingModelProvider: string | null;
  /** Vector dimension, fixed by the first embedding written; picks the vector collection. */
  @Column({ name: 'embedding_dimension', type: 'int', nullable: true }) embeddingDimension: number | null;
  /** Dify's retrieval_model JSON (search_method, top_k, weights, …): the dataset's default. */
  @Column({ name: 'retrieval_model', type: 'jsonb', nullable: true }) retrievalModel: Record<string, unknown> | null;
  /** The process rule of the latest document, offered as the default for the next one. */
  @Column({ name: 'latest_process_rule', type: 'jsonb', nullable: true }) latestProcessRule: Record<string, unknown> | null;
  @Column({ name: 'doc_form', type: 'varchar', nullable: true }) docForm: string | null;
  @Column({ name: 'data_source_type', type: 'varchar', nullable: true }) dataSourceType: string | null;
  @Column({ name: 'enable_api', default: true }) enableApi: boolean;
  @Column({ name: 'built_in_field_enabled', default: false }) builtInFieldEnabled: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
