/**
 * Synthetic knowledge for the retrieval benchmark: datasets whose segments are written straight
 * into PostgreSQL (with their full-text vectors) and the embedded vector store, grown in place so a
 * sweep over sizes loads each segment once. Text is Zipf-like made-up words (some everywhere, most
 * rare, as in real text); vectors are random unit vectors.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { segmentNodeId, toTsvectorLiteral } from '@sluice/knowledge';
import { EmbeddedVectorStore, VectorPoint, collectionName } from '@sluice/vector';

let seed = 7;
export const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

export const VOCAB = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
const zipf = () => VOCAB[Math.min(VOCAB.length - 1, Math.floor(Math.pow(rand(), 2.2) * VOCAB.length))];
const sentence = (n: number) => Array.from({ length: n }, zipf).join(' ');

export function randomUnit(dim: number): number[] {
  const v = Array.from({ length: dim }, () => rand() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export interface BenchDataset {
  id: string;
  documentId: string;
  collection: string;
  size: number;
}

/** Keeps the first `keep` vectors of one dataset, for recall against exact search. */
export class VectorCopy {
  readonly all: Float32Array;
  readonly ids: string[] = [];
  constructor(
    readonly keep: number,
    readonly dim: number,
  ) {
    this.all = new Float32Array(keep * dim);
  }
  add(id: string, v: number[]) {
    if (this.ids.length >= this.keep) return;
    this.all.set(v, this.ids.length * this.dim);
    this.ids.push(id);
  }
  /** Ids of the k closest to `q` by cosine (unit vectors), by brute force. */
  exactTop(q: number[], k: number): Set<string> {
    const best: { i: number; s: number }[] = [];
    for (let r = 0; r < this.ids.length; r++) {
      let s = 0;
      for (let j = 0, o = r * this.dim; j < this.dim; j++) s += this.all[o + j] * q[j];
      if (best.length < k || s > best[best.length - 1].s) {
        best.push({ i: r, s });
        best.sort((a, b) => b.s - a.s);
        if (best.length > k) best.pop();
      }
    }
    return new Set(best.map((b) => this.ids[b.i]));
  }
}

export class SegmentLoader {
  tenantId = '';

  constructor(
    private readonly ds: DataSource,
    private readonly store: EmbeddedVectorStore,
    private readonly dim: number,
  ) {}

  async init() {
    [{ id: this.tenantId }] = await this.ds.query(`INSERT INTO tenants (name) VALUES ('bench') RETURNING id`);
  }

  /** An empty dataset whose vectors go to the collection of `model` (datasets of one model share a table). */
  async dataset(model: string): Promise<BenchDataset> {
    const [{ id }] = await this.ds.query(
      `INSERT INTO datasets (tenant_id, name, indexing_technique, embedding_model, embedding_model_provider, embedding_dimension, doc_form)
       VALUES ($1, $2, 'high_quality', $3, 'openai', $4, 'text_model') RETURNING id`,
      [this.tenantId, `bench-${randomUUID()}`, model, this.dim],
    );
    const [{ id: documentId }] = await this.ds.query(
      `INSERT INTO documents (tenant_id, dataset_id, position, process_rule, batch, name, indexing_status, completed_at)
       VALUES ($1, $2, 1, '{}', 'bench', 'bench.txt', 'completed', now()) RETURNING id`,
      [this.tenantId, id],
    );
    const collection = collectionName(model, this.dim);
    await this.store.ensureCollection(collection, this.dim);
    return { id, documentId, collection, size: 0 };
  }

  /** Adds segments until the dataset holds `target`. */
  async grow(d: BenchDataset, target: number, copy?: VectorCopy): Promise<void> {
    const BATCH = 5000;
    while (d.size < target) {
      const n = Math.min(BATCH, target - d.size);
      const ids: string[] = [];
      const nodeIds: string[] = [];
      const contents: string[] = [];
      const tsv: string[] = [];
      const positions: number[] = [];
      for (let i = 0; i < n; i++) {
        ids.push(randomUUID());
        positions.push(d.size + i + 1);
        nodeIds.push(segmentNodeId(d.documentId, 0, d.size + i + 1));
        const text = sentence(40 + Math.floor(rand() * 40));
        contents.push(text);
        tsv.push(toTsvectorLiteral(text));
      }
      await this.ds.query(
        `INSERT INTO document_segments (id, tenant_id, dataset_id, document_id, position, content, word_count, tokens, index_node_id, index_node_hash, status, completed_at, search_vector)
         SELECT u.id, $1, $2, $3, u.pos, u.content, length(u.content), 0, u.node, 'h', 'completed', now(), u.tsv::tsvector
           FROM unnest($4::uuid[], $5::int[], $6::text[], $7::uuid[], $8::text[]) AS u(id, pos, content, node, tsv)`,
        [this.tenantId, d.id, d.documentId, ids, positions, contents, nodeIds, tsv],
      );
      const points: VectorPoint[] = ids.map((id, i) => ({
        id: nodeIds[i],
        vector: randomUnit(this.dim),
        payload: { tenant_id: this.tenantId, dataset_id: d.id, document_id: d.documentId, segment_id: id, doc_hash: 'h' },
      }));
      for (const p of points) copy?.add(p.id, p.vector);
      await this.store.upsert(d.collection, points);
      d.size += n;
    }
  }

  /** Queries run against a settled store and table, as they would minutes after an ingestion. */
  async settle(collection: string): Promise<void> {
    await this.store.optimizeNow(collection);
    await this.store.idle();
    await this.ds.query('VACUUM ANALYZE document_segments');
  }
}
