import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A chunk of a document. `index_node_id` is the vector point id (deterministic: derived from the
 * document, its generation and the position, so a repeated job overwrites instead of duplicating).
 * The full-text column `search_vector` is written with raw SQL and is not mapped here.
 */
@Entity('document_segments')
export class DocumentSegment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dataset_id', type: 'uuid' }) datasetId: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) content: string;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ name: 'word_count', type: 'int', default: 0 }) wordCount: number;
  @Column({ type: 'int', default: 0 }) tokens: number;
  @Column({ type: 'jsonb', default: () => "'[]'" }) keywords: string[];
  /** Where the chunk came from: page, heading path. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) meta: Record<string, unknown>;
  @Column({ name: 'index_node_id', type: 'uuid' }) indexNodeId: string;
  @Column({ name: 'index_node_hash' }) indexNodeHash: string;
  @Column({ name: 'hit_count', type: 'int', default: 0 }) hitCount: number;
  @Column({ default: true }) enabled: boolean;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  /** waiting | indexing | completed | error */
  @Column({ default: 'waiting' }) status: string;
  @Column({ name: 'indexing_at', type: 'timestamptz', nullable: true }) indexingAt: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true }) stoppedAt: Date | null;
  /** The account that wrote the segment: the document's creator for segments from ingestion. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
