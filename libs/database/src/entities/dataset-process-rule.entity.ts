import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A process rule as a document was created (or re-processed) with it; documents point at their row. */
@Entity('dataset_process_rules')
export class DatasetProcessRule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dataset_id', type: 'uuid' }) datasetId: string;
  /** automatic | custom | hierarchical */
  @Column() mode: string;
  @Column({ type: 'jsonb', nullable: true }) rules: Record<string, unknown> | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
