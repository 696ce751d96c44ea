import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One query/answer turn. Written when the turn starts (status running) so a crash never loses the question. */
@Entity('messages')
export class Message {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ name: 'conversation_id', type: 'uuid', nullable: true }) conversationId: string | null;
  @Column({ name: 'end_user_id', type: 'uuid' }) endUserId: string;
  @Column({ name: 'parent_message_id', type: 'uuid', nullable: true }) parentMessageId: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) inputs: Record<string, unknown>;
  @Column({ type: 'text', default: '' }) query: string;
  @Column({ type: 'text', default: '' }) answer: string;
  @Column({ default: 'normal' }) status: string;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'message_tokens', default: 0 }) messageTokens: number;
  @Column({ name: 'answer_tokens', default: 0 }) answerTokens: number;
  @Column({ name: 'total_price', type: 'numeric', precision: 20, scale: 7, default: 0 }) totalPrice: string;
  @Column({ default: 'USD' }) currency: string;
  @Column({ type: 'double precision', default: 0 }) latency: number;
  @Column({ type: 'varchar', nullable: true }) provider: string | null;
  @Column({ type: 'varchar', nullable: true }) model: string | null;
  @Column({ name: 'retriever_resources', type: 'jsonb', default: () => "'[]'" }) retrieverResources: unknown[];
  @Column({ name: 'message_files', type: 'jsonb', default: () => "'[]'" }) messageFiles: unknown[];
  @Column({ name: 'workflow_run_id', type: 'uuid', nullable: true }) workflowRunId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
