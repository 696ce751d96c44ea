import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** API keys. Only sha256(token) is stored; the plain token is shown once at creation. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid', nullable: true }) appId: string | null;
  @Column({ type: 'varchar' }) type: 'app' | 'dataset';
  @Column({ name: 'token_hash' }) tokenHash: string;
  /** prefix + last 4 characters, enough for a person to recognise a key in a list */
  @Column({ name: 'token_hint' }) tokenHint: string;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
