import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('workflow_runs')
export class WorkflowRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ name: 'workflow_id', type: 'uuid' }) workflowId: string;
  @Column({ name: 'end_user_id', type: 'uuid', nullable: true }) endUserId: string | null;
  @Column({ name: 'triggered_from' }) triggeredFrom: string;
  @Column() status: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) inputs: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) outputs: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'elapsed_time', type: 'double precision', default: 0 }) elapsedTime: number;
  @Column({ name: 'total_tokens', default: 0 }) totalTokens: number;
  @Column({ name: 'total_steps', default: 0 }) totalSteps: number;
  /** Nodes that failed but were handled by their error strategy (Dify's `exceptions_count`). */
  @Column({ name: 'exceptions_count', default: 0 }) exceptionsCount: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
