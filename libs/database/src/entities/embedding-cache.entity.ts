import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Cached embedding of one text. The key is (provider namespace, model, sha256 of the text); the
 * namespace includes the provider's base URL, since two OpenAI-compatible servers may serve
 * different vectors under one model name. Vectors are float32, little-endian, L2-normalized.
 */
@Entity('embeddings')
export class EmbeddingCache {
  @PrimaryColumn({ name: 'provider_name' }) providerName: string;
  @PrimaryColumn({ name: 'model_name' }) modelName: string;
  @PrimaryColumn() hash: string;
  @Column({ type: 'bytea' }) embedding: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
