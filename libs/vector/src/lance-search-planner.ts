import type { Table, VectorQuery } from '@lancedb/lancedb';

export interface LanceSearchPlannerOptions {
  /** Filters matching at most this many rows are searched exactly, without the vector index. */
  flatMaxRows: number;
  /** IVF partitions probed for a filter matching the whole table; narrower filters probe more. */
  minProbes: number;
  maxProbes: number;
  /** PQ candidates re-ranked with exact distances, as a multiple of topK. */
  refineFactor: number;
}

const STATS_TTL_MS = 10_000;

/**
 * Chooses how to run a filtered vector query. IVF only looks in the partitions nearest to the
 * query, so for a dataset that is a small slice of a shared table its nearest points are often in
 * partitions never probed (measured: recall@10 0.38 for a 1 % dataset at 100k rows). Small
 * slices are therefore scanned exactly — cheap, since the prefilter leaves few rows — and larger
 * ones probe more partitions the narrower they are. Row counts are cached briefly: they steer
 * the plan only, never which rows are eligible.
 */
export class LanceSearchPlanner {
  private readonly stats = new Map<string, { value: number | boolean; at: number }>();

  constructor(private readonly opts: LanceSearchPlannerOptions) {}

  async apply(collection: string, table: Table, where: string, query: VectorQuery): Promise<VectorQuery> {
    if (!(await this.cached(`${collection}|index`, async () => (await table.listIndices()).some((i) => i.columns.includes('vector'))))) {
      return query;
    }
    const matching = (await this.cached(`${collection}|count|${where}`, () => table.countRows(where))) as number;
    if (matching <= this.opts.flatMaxRows) return query.bypassVectorIndex();
    const total = Math.max(matching, (await this.cached(`${collection}|count`, () => table.countRows())) as number);
    const probes = Math.min(this.opts.maxProbes, Math.max(this.opts.minProbes, Math.ceil((this.opts.minProbes * total) / matching)));
    return query.nprobes(probes).refineFactor(this.opts.refineFactor);
  }

  /** Forgets cached facts about a collection (after this process wrote to it). */
  invalidate(collection: string): void {
    for (const key of this.stats.keys()) if (key.startsWith(`${collection}|`)) this.stats.delete(key);
  }

  private async cached(key: string, load: () => Promise<number | boolean>): Promise<number | boolean> {
    const hit = this.stats.get(key);
    if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.value;
    const value = await load();
    if (this.stats.size > 10_000) this.stats.clear();
    this.stats.set(key, { value, at: Date.now() });
    return value;
  }
}
