import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A metadata field of a dataset; documents hold the values in `documents.doc_metadata`. */
@Entity('dataset_metadatas')
export class DatasetMetadata {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'dataset_id', type: 'uuid' }) datasetId: string;
  @Column() name: string;
  /** string | number | time */
  @Column() type: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
