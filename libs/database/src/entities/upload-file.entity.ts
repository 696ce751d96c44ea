import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded file. Stored under DATA_DIR by `storage_key` (never the client's name or path). */
@Entity('upload_files')
export class UploadFile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid', nullable: true }) appId: string | null;
  @Column({ name: 'storage_key' }) storageKey: string;
  @Column() name: string;
  @Column({ type: 'bigint' }) size: number;
  @Column() extension: string;
  @Column({ name: 'mime_type' }) mimeType: string;
  @Column({ name: 'created_by_role', type: 'varchar' }) createdByRole: 'end_user' | 'account';
  @Column({ name: 'created_by', type: 'uuid' }) createdBy: string;
  @Column() hash: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
