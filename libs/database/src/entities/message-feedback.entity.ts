import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('message_feedbacks')
export class MessageFeedback {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ name: 'message_id', type: 'uuid' }) messageId: string;
  @Column({ name: 'conversation_id', type: 'uuid', nullable: true }) conversationId: string | null;
  @Column({ type: 'varchar' }) rating: 'like' | 'dislike';
  @Column({ type: 'text', nullable: true }) content: string | null;
  @Column({ name: 'from_source', default: 'user' }) fromSource: string;
  @Column({ name: 'end_user_id', type: 'uuid', nullable: true }) endUserId: string | null;
  /** the console account behind an `admin` rating */
  @Column({ name: 'from_account_id', type: 'uuid', nullable: true }) fromAccountId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
