import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person. Workspaces and roles are in tenant_account_joins; an invited account is `pending` until activated. */
@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() email: string;
  @Column() name: string;
  /** null until an invited account sets one at activation */
  @Column({ name: 'password_hash', type: 'varchar', nullable: true }) passwordHash: string | null;
  /** active | pending | banned */
  @Column({ default: 'active' }) status: string;
  @Column({ type: 'varchar', nullable: true }) avatar: string | null;
  @Column({ name: 'interface_language', default: 'en-US' }) interfaceLanguage: string;
  @Column({ default: 'UTC' }) timezone: string;
  @Column({ name: 'initialized_at', type: 'timestamptz', nullable: true }) initializedAt: Date | null;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
