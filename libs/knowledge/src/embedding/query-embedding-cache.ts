import { Injectable } from '@nestjs/common';
import { KnowledgeRedis } from '../knowledge-redis';
import { decodeVector, encodeVector } from './vector-codec';

const TTL_SECONDS = 600;

/** Recent query embeddings in Redis: a user repeating or paging a search costs no model call. */
@Injectable()
export class QueryEmbeddingCache {
  constructor(private readonly redis: KnowledgeRedis) {}

  async get(key: string): Promise<number[] | null> {
    const buf = await this.redis.client.getBuffer(this.redis.key('qemb', key));
    return buf ? decodeVector(buf) : null;
  }

  async set(key: string, vector: number[]): Promise<void> {
    await this.redis.client.set(this.redis.key('qemb', key), encodeVector(vector), 'EX', TTL_SECONDS);
  }
}
