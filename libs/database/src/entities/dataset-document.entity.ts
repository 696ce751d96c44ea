import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const INDEXING_STATUSES = ['waiting', 'parsing', 'cleaning', 'splitting', 'indexing', 'completed', 'error', 'paused'] as const;
export type IndexingStatus = (typeof INDEXING_STATUSES)[number];

/**
 * A document in a knowledge base and its place in the ingestion pipeline.
 * `generation` rises on every retry, re-upload or resume-from-scratch: a queued job carries the
 * generation it was made for, and a stage only writes while the row still has that generation,
 * so a stale job can never overwrite newer work.
 */
@Entity('documents')
export class DatasetDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dataset_id', type: 'uuid' }) datasetId: string;
  @Column({ type: 'int' }) position: number;
  /** upload_file | text (create-by-text is stored as a file too, Dify calls it upload_file) */
  @Column({ name: 'data_source_type', default: 'upload_file' }) dataSourceType: string;
  @Column({ name: 'data_source_info', type: 'jsonb', default: () => "'{}'" }) dataSourceInfo: Record<string, unknown>;
  /** The upload_files row holding the original bytes. */
  @Column({ name: 'file_id', type: 'uuid', nullable: true }) fileId: string | null;
  @Column({ name: 'process_rule', type: 'jsonb' }) processRule: Record<string, unknown>;
  /** The `dataset_process_rules` row this document was (last) processed with. */
  @Column({ name: 'dataset_process_rule_id', type: 'uuid', nullable: true }) datasetProcessRuleId: string | null;
  @Column() batch: string;
  @Column() name: string;
  /** api | web */
  @Column({ name: 'created_from', default: 'api' }) createdFrom: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @Column({ name: 'indexing_status', type: 'varchar', default: 'waiting' }) indexingStatus: IndexingStatus;
  @Column({ type: 'int', default: 0 }) generation: number;
  @Column({ name: 'processing_started_at', type: 'timestamptz', nullable: true }) processingStartedAt: Date | null;
  @Column({ name: 'parsing_completed_at', type: 'timestamptz', nullable: true }) parsingCompletedAt: Date | null;
  @Column({ name: 'cleaning_completed_at', type: 'timestamptz', nullable: true }) cleaningCompletedAt: Date | null;
  @Column({ name: 'splitting_completed_at', type: 'timestamptz', nullable: true }) splittingCompletedAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'is_paused', default: false }) isPaused: boolean;
  @Column({ name: 'paused_by', type: 'uuid', nullable: true }) pausedBy: string | null;
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt: Date | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true }) stoppedAt: Date | null;
  /** When the current stage must have finished; the watchdog acts on rows past it. */
  @Column({ name: 'stage_deadline_at', type: 'timestamptz', nullable: true }) stageDeadlineAt: Date | null;
  /** Seconds spent in the load (embed + index) phase, as Dify reports it. */
  @Column({ name: 'indexing_latency', type: 'double precision', nullable: true }) indexingLatency: number | null;
  /** Characters extracted (Dify's word_count; the seed calls it character_count). */
  @Column({ name: 'word_count', type: 'int', default: 0 }) wordCount: number;
  @Column({ type: 'int', default: 0 }) tokens: number;
  @Column({ name: 'total_segments', type: 'int', default: 0 }) totalSegments: number;
  @Column({ name: 'completed_segments', type: 'int', default: 0 }) completedSegments: number;
  @Column({ default: true }) enabled: boolean;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @Column({ default: false }) archived: boolean;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  /** text_model | hierarchical_model | qa_model */
  @Column({ name: 'doc_form', default: 'text_model' }) docForm: string;
  @Column({ name: 'doc_language', default: 'English' }) docLanguage: string;
  /** Metadata values by metadata field name. */
  @Column({ name: 'doc_metadata', type: 'jsonb', default: () => "'{}'" }) docMetadata: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
