import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A child of a parent segment (hierarchical_model): children are embedded, parents returned. */
@Entity('child_chunks')
export class ChildChunk {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dataset_id', type: 'uuid' }) datasetId: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ name: 'segment_id', type: 'uuid' }) segmentId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) content: string;
  @Column({ name: 'word_count', type: 'int', default: 0 }) wordCount: number;
  @Column({ type: 'int', default: 0 }) tokens: number;
  @Column({ name: 'index_node_id', type: 'uuid' }) indexNodeId: string;
  @Column({ name: 'index_node_hash' }) indexNodeHash: string;
  /** automatic | custom */
  @Column({ default: 'automatic' }) type: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
