import type { Table } from '@lancedb/lancedb';
import type { SliceRow } from './dataset-slice';
import { datasetSql } from './lance-filter';
import { LanceMemoryIndex } from './lance-memory-index';
import { PAYLOAD_COLUMNS } from './lance-schema';
import type { VectorFilter } from './vector-store';

export interface LanceSearchPlannerOptions {
  /** Filters matching at most this many rows are searched exactly, from an in-memory slice of just those rows. */
  flatMaxRows: number;
  /** IVF partitions probed for a filter matching the whole table; narrower filters probe more. */
  minProbes: number;
  maxProbes: number;
  /** PQ candidates re-ranked with exact distances, as a multiple of topK. */
  refineFactor: number;
  /** Memory for those small slices, bytes. */
  sliceCacheBytes: number;
  /** Memory for the 8-bit in-memory index of bigger datasets, bytes; 0 sends them to IVF_PQ. */
  memoryIndexBytes: number;
  /** Answer from LanceDB while a dataset is first loaded into memory (true), or wait for the load. */
  memoryIndexLoadInBackground: boolean;
}

/**
 * Chooses how to run a filtered vector query. IVF only looks in the partitions nearest to the
 * query, so for a dataset that is a small slice of a shared table its nearest points often sit in
 * partitions never probed (measured at 100k rows: recall@10 0.31 for a 1 % dataset with 20
 * probes, 0.76 even probing all partitions). Everything is therefore scanned exhaustively in
 * memory where it fits (LanceMemoryIndex): a small filtered slice as its own exact slice (8-bit
 * scan re-ranked by float32), loaded before the first answer; whole datasets with 8-bit vectors,
 * loaded in the background; and only datasets beyond that budget go through IVF_PQ, probing more
 * partitions the narrower they are and re-ranking the PQ candidates with exact distances.
 */
export class LanceSearchPlanner {
  private readonly facts = new Map<string, number | boolean>();
  private readonly slices: LanceMemoryIndex;
  private readonly memory: LanceMemoryIndex;

  constructor(private readonly opts: LanceSearchPlannerOptions) {
    this.slices = new LanceMemoryIndex(opts.sliceCacheBytes, false, { exact: true });
    this.memory = new LanceMemoryIndex(opts.memoryIndexBytes, opts.memoryIndexLoadInBackground);
  }

  async search(collection: string, table: Table, filter: VectorFilter, where: string, vector: number[], topK: number): Promise<SliceRow[]> {
    // The version is re-read on every call (readConsistencyInterval 0), so everything cached
    // under it is dropped as soon as any process commits a write.
    const version = await table.version();
    const matching = (await this.fact(`${collection}|${version}|count|${where}`, () => table.countRows(where))) as number;
    if (matching === 0) return [];
    if (matching <= this.opts.flatMaxRows) return (await this.slices.search(collection, table, version, [where], undefined, vector, topK))!;
    const datasetIds = [...new Set(filter.datasetIds)];
    let datasetRows = 0;
    for (const id of datasetIds) {
      const sql = datasetSql(id);
      datasetRows += (await this.fact(`${collection}|${version}|count|${sql}`, () => table.countRows(sql))) as number;
    }
    if (this.memory.fits(datasetRows, vector.length)) {
      const documents = filter.documentIds ? new Set(filter.documentIds) : undefined;
      const rows = await this.memory.search(collection, table, version, datasetIds.map(datasetSql), documents, vector, topK);
      if (rows) return rows;
    }
    const indexed = await this.fact(`${collection}|${version}|index`, async () => (await table.listIndices()).some((i) => i.columns.includes('vector')));
    let query = table.vectorSearch(vector).distanceType('cosine').where(where).select(PAYLOAD_COLUMNS).limit(topK);
    if (indexed) {
      const total = Math.max(matching, (await this.fact(`${collection}|${version}|count`, () => table.countRows())) as number);
      const probes = Math.min(this.opts.maxProbes, Math.max(this.opts.minProbes, Math.ceil((this.opts.minProbes * total) / matching)));
      query = query.nprobes(probes).refineFactor(this.opts.refineFactor);
    }
    return (await query.toArray()) as SliceRow[];
  }

  /** Waits for in-memory loads running in the background. */
  async idle(): Promise<void> {
    await Promise.all([this.memory.idle(), this.slices.idle()]);
  }

  /** Frees the in-memory copy of a dataset whose vectors were all deleted. */
  forgetDataset(collection: string, datasetId: string): void {
    this.memory.forget(collection, datasetSql(datasetId));
  }

  /**
   * Forgets the counts cached about a collection (this process just wrote to it). The in-memory
   * slices need no such hint: each catches up with the table version it is searched at.
   */
  invalidate(collection: string): void {
    for (const key of this.facts.keys()) if (key.startsWith(`${collection}|`)) this.facts.delete(key);
  }

  private async fact(key: string, load: () => Promise<number | boolean>): Promise<number | boolean> {
    const hit = this.facts.get(key);
    if (hit !== undefined) return hit;
    const value = await load();
    if (this.facts.size > 5_000) this.facts.clear();
    this.facts.set(key, value);
    return value;
  }
}
