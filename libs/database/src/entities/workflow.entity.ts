import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A workflow graph of an app: one `draft` row, and one row per published version. */
@Entity('workflows')
export class Workflow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column() version: string;
  @Column({ type: 'jsonb' }) graph: { nodes: any[]; edges: any[] };
  @Column({ type: 'jsonb', default: () => "'{}'" }) features: Record<string, unknown>;
  @Column({ name: 'environment_variables', type: 'jsonb', default: () => "'[]'" }) environmentVariables: any[];
  @Column({ name: 'conversation_variables', type: 'jsonb', default: () => "'[]'" }) conversationVariables: any[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
