import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Membership: an account in a workspace with one of Dify's roles; `current` marks the workspace it last used. */
@Entity('tenant_account_joins')
export class TenantAccountJoin {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId: string;
  /** owner | admin | editor | normal | dataset_operator (one owner per workspace) */
  @Column() role: string;
  @Column({ default: false }) current: boolean;
  @Column({ name: 'invited_by', type: 'uuid', nullable: true }) invitedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
