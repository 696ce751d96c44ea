import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const APP_MODES = ['chat', 'completion', 'workflow', 'advanced-chat', 'agent-chat'] as const;
export type AppMode = (typeof APP_MODES)[number];

@Entity('apps')
export class App {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() name: string;
  @Column({ default: '' }) description: string;
  @Column({ type: 'varchar' }) mode: AppMode;
  @Column({ type: 'varchar', nullable: true }) icon: string | null;
  @Column({ name: 'icon_background', type: 'varchar', nullable: true }) iconBackground: string | null;
  @Column({ default: 'normal' }) status: string;
  @Column({ name: 'enable_site', default: true }) enableSite: boolean;
  @Column({ name: 'enable_api', default: true }) enableApi: boolean;
  @Column({ name: 'api_rpm', default: 0 }) apiRpm: number;
  @Column({ name: 'api_rph', default: 0 }) apiRph: number;
  @Column({ name: 'is_demo', default: false }) isDemo: boolean;
  @Column({ name: 'max_active_requests', default: 0 }) maxActiveRequests: number;
  @Column({ name: 'app_model_config_id', type: 'uuid', nullable: true }) appModelConfigId: string | null;
  @Column({ name: 'workflow_id', type: 'uuid', nullable: true }) workflowId: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
