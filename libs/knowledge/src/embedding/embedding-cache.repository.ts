import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeVector, encodeVector } from './vector-codec';

/** The `embeddings` table: vectors by (provider namespace, model, sha256 of the text). */
@Injectable()
export class EmbeddingCacheRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async getMany(namespace: string, model: string, hashes: string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    if (!hashes.length) return out;
    const rows: { hash: string; embedding: Buffer }[] = await this.ds.query(
      'SELECT hash, embedding FROM embeddings WHERE provider_name = $1 AND model_name = $2 AND hash = ANY($3::text[])',
      [namespace, model, hashes],
    );
    for (const r of rows) out.set(r.hash, decodeVector(r.embedding));
    return out;
  }

  async putMany(namespace: string, model: string, entries: { hash: string; vector: number[] }[]): Promise<void> {
    if (!entries.length) return;
    await this.ds.query(
      `INSERT INTO embeddings (provider_name, model_name, hash, embedding)
       SELECT $1, $2, h, e FROM unnest($3::text[], $4::bytea[]) AS t(h, e)
       ON CONFLICT DO NOTHING`,
      [namespace, model, entries.map((e) => e.hash), entries.map((e) => encodeVector(e.vector))],
    );
  }
}
