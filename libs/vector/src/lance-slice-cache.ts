import type { Table } from '@lancedb/lancedb';
import { PAYLOAD_COLUMNS } from './lance-schema';

export interface SliceRow {
  id: string;
  tenant_id: string;
  dataset_id: string;
  document_id: string;
  segment_id: string;
  child_chunk_id: string | null;
  doc_hash: string;
  /** cosine distance, as LanceDB reports it */
  _distance: number;
}

interface Slice {
  version: number;
  dimension: number;
  /** row-major, each row L2-normalized */
  vectors: Float32Array;
  rows: Array<Omit<SliceRow, '_distance'>>;
  bytes: number;
}

/**
 * Exact search over small filtered slices (one small dataset in a big shared table), held in
 * memory per table version. IVF misses a small slice's true neighbours (they sit in partitions
 * far from the query) and LanceDB's own exact path reads the whole vector column (~50 ms at
 * 100k × 256), whereas a cached slice of 10k × 256 is scanned in a few ms. Keyed by the table
 * version, which the connection re-reads on every query, so a write by any process invalidates it.
 */
export class LanceSliceCache {
  private readonly slices = new Map<string, Slice>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  async search(key: string, table: Table, version: number, where: string, query: number[], topK: number): Promise<SliceRow[]> {
    const slice = await this.load(key, table, version, where);
    const dim = slice.dimension;
    let qn = 0;
    for (const x of query) qn += x * x;
    const q = Float32Array.from(query, (x) => x / (Math.sqrt(qn) || 1));
    const n = slice.rows.length;
    // Keep the best topK with a small sorted buffer: topK is small (≤ 100), slices ≤ ~10k rows.
    const best: Array<{ i: number; s: number }> = [];
    const v = slice.vectors;
    for (let r = 0; r < n; r++) {
      let s = 0;
      const o = r * dim;
      for (let k = 0; k < dim; k++) s += v[o + k] * q[k];
      if (best.length < topK) {
        best.push({ i: r, s });
        best.sort((a, b) => b.s - a.s);
      } else if (s > best[best.length - 1].s) {
        best[best.length - 1] = { i: r, s };
        best.sort((a, b) => b.s - a.s);
      }
    }
    return best.map(({ i, s }) => ({ ...slice.rows[i], _distance: 1 - s }));
  }

  private async load(key: string, table: Table, version: number, where: string): Promise<Slice> {
    const cached = this.slices.get(key);
    if (cached && cached.version === version) {
      // Refresh recency for the LRU order of the Map.
      this.slices.delete(key);
      this.slices.set(key, cached);
      return cached;
    }
    const arrow = await table.query().where(where).select([...PAYLOAD_COLUMNS, 'vector']).toArrow();
    const n = arrow.numRows;
    const vectorCol = arrow.getChild('vector');
    const dim = (vectorCol?.type as { listSize?: number } | undefined)?.listSize ?? 0;
    const vectors = new Float32Array(n * dim);
    const rows: Slice['rows'] = new Array(n);
    const cols = Object.fromEntries(PAYLOAD_COLUMNS.map((c) => [c, arrow.getChild(c)]));
    for (let r = 0; r < n; r++) {
      const vec = (vectorCol!.get(r) as { toArray(): Float32Array }).toArray();
      let s = 0;
      for (let k = 0; k < dim; k++) s += vec[k] * vec[k];
      const inv = 1 / (Math.sqrt(s) || 1);
      for (let k = 0; k < dim; k++) vectors[r * dim + k] = vec[k] * inv;
      rows[r] = {
        id: cols.id!.get(r),
        tenant_id: cols.tenant_id!.get(r),
        dataset_id: cols.dataset_id!.get(r),
        document_id: cols.document_id!.get(r),
        segment_id: cols.segment_id!.get(r),
        child_chunk_id: cols.child_chunk_id!.get(r) ?? null,
        doc_hash: cols.doc_hash!.get(r),
      };
    }
    const slice: Slice = { version, dimension: dim, vectors, rows, bytes: vectors.byteLength + n * 300 };
    this.evict(key);
    this.slices.set(key, slice);
    this.bytes += slice.bytes;
    while (this.bytes > this.maxBytes && this.slices.size > 1) this.evict(this.slices.keys().next().value as string);
    return slice;
  }

  invalidate(prefix: string): void {
    for (const key of [...this.slices.keys()]) if (key.startsWith(prefix)) this.evict(key);
  }

  private evict(key: string): void {
    const s = this.slices.get(key);
    if (!s) return;
    this.bytes -= s.bytes;
    this.slices.delete(key);
  }
}
