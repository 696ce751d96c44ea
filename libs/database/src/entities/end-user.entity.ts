import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The caller-chosen `user` string of the Service API (or a console account on the Web API), per app. */
@Entity('end_users')
export class EndUser {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ type: 'varchar' }) type: 'service_api' | 'web_app' | 'account';
  @Column({ name: 'session_id' }) sessionId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
