import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'app_id', type: 'uuid' }) appId: string;
  @Column({ name: 'end_user_id', type: 'uuid' }) endUserId: string;
  @Column({ type: 'varchar' }) mode: string;
  @Column({ default: '' }) name: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) inputs: Record<string, unknown>;
  @Column({ default: '' }) introduction: string;
  @Column({ default: 'normal' }) status: string;
  @Column({ name: 'dialogue_count', default: 0 }) dialogueCount: number;
  @Column({ name: 'is_deleted', default: false }) isDeleted: boolean;
  @Column({ name: 'is_pinned', default: false }) isPinned: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
