import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('workflow_node_executions')
export class WorkflowNodeExecution {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'workflow_run_id', type: 'uuid' }) workflowRunId: string;
  @Column({ name: 'node_id' }) nodeId: string;
  @Column({ name: 'node_type' }) nodeType: string;
  @Column({ default: '' }) title: string;
  @Column({ name: 'index' }) index: number;
  @Column({ type: 'jsonb', nullable: true }) inputs: unknown;
  @Column({ type: 'jsonb', nullable: true }) outputs: unknown;
  @Column({ name: 'process_data', type: 'jsonb', nullable: true }) processData: unknown;
  @Column() status: string;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'elapsed_time', type: 'double precision', default: 0 }) elapsedTime: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
