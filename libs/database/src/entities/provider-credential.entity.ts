import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Per-workspace model provider credentials, AES-GCM encrypted with a key derived from SECRET_KEY. */
@Entity('provider_credentials')
export class ProviderCredential {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() provider: string;
  @Column({ name: 'encrypted_config', type: 'text' }) encryptedConfig: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
