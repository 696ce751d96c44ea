import type { Table } from '@lancedb/lancedb';
import { Logger } from '@nestjs/common';
import { DatasetSlice, PAYLOAD_BYTES_PER_ROW, type SliceRow } from './dataset-slice';
import type { Int8MatrixOptions } from './int8-matrix';

/** Whether `rows` vectors of `dimension` fit in a memory index of `maxBytes`. */
export function memoryIndexFits(maxBytes: number, rows: number, dimension: number): boolean {
  return maxBytes > 0 && dimension > 0 && rows * (Math.ceil(dimension / 16) * 16 + 5 + PAYLOAD_BYTES_PER_ROW) <= maxBytes;
}

/**
 * The embedded store's in-memory search: a DatasetSlice per (collection, filter), searched
 * exhaustively with 8-bit vectors. Measured at 100k × 256 in one dataset: ~1 ms for the scan,
 * where LanceDB's IVF_PQ took ~13 ms with recall well below 1 on unclustered vectors. Slices are
 * kept within a memory budget, least recently used first out; a search whose slices do not fit
 * goes back to LanceDB's own index.
 */
export class LanceMemoryIndex {
  private readonly slices = new Map<string, DatasetSlice>();
  private readonly syncing = new Map<string, Promise<void>>();
  private readonly logger = new Logger('EmbeddedVectorStore');

  /**
   * @param loadInBackground a dataset not in memory yet is loaded in the background while its
   *   searches are answered by LanceDB (null from `search`): loading 100k rows takes ~0.5 s, a flat
   *   LanceDB scan of them ~50 ms. Tests turn it off to exercise the in-memory path from the start.
   */
  constructor(
    private readonly maxBytes: number,
    private readonly loadInBackground = true,
    private readonly matrix: Int8MatrixOptions = {},
  ) {}

  /** Whether datasets holding `rows` rows in all would fit in the budget. */
  fits(rows: number, dimension: number): boolean {
    return memoryIndexFits(this.maxBytes, rows, dimension);
  }

  /** The best `topK` rows across the slices (`where` filters), or null while one of them is still being loaded. */
  async search(
    collection: string,
    table: Table,
    version: number,
    wheres: readonly string[],
    documentIds: ReadonlySet<string> | undefined,
    vector: number[],
    topK: number,
  ): Promise<SliceRow[] | null> {
    const slices = [...new Set(wheres)].map((where) => this.sliceOf(collection, where, vector.length));
    if (this.loadInBackground && slices.some((s) => s.version < 0)) {
      for (const s of slices) if (s.version < 0) this.sync(collection, s, table, version).catch((err) => this.failedLoad(collection, s, err));
      return null;
    }
    await Promise.all(slices.map((s) => this.upTo(collection, s, table, version)));
    const hits = slices.flatMap((s) => s.search(vector, topK, documentIds));
    this.evict(new Set(slices));
    return hits.sort((a, b) => a._distance - b._distance).slice(0, topK);
  }

  /** Waits for loads and catch-ups in flight (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.syncing.values()]);
  }

  /** Frees a slice (its vectors were deleted); other processes free theirs by eviction. */
  forget(collection: string, where: string): void {
    this.slices.delete(`${collection}|${where}`);
  }

  get bytes(): number {
    let total = 0;
    for (const s of this.slices.values()) total += s.bytes;
    return total;
  }

  private sliceOf(collection: string, where: string, dimension: number): DatasetSlice {
    const key = `${collection}|${where}`;
    let slice = this.slices.get(key);
    if (!slice || slice.dimension !== dimension) slice = new DatasetSlice(where, dimension, this.matrix);
    // Refresh recency for the LRU order of the Map.
    this.slices.delete(key);
    this.slices.set(key, slice);
    return slice;
  }

  /** Versions only grow; a sync started for an older version is waited for, then another runs. */
  private async upTo(collection: string, slice: DatasetSlice, table: Table, version: number): Promise<void> {
    while (slice.version < version) await this.sync(collection, slice, table, version);
  }

  /** The sync of this slice already running, or a new one; one at a time per slice. */
  private sync(collection: string, slice: DatasetSlice, table: Table, version: number): Promise<void> {
    const key = `${collection}|${slice.where}`;
    let running = this.syncing.get(key);
    if (!running) {
      running = slice.sync(table, version).finally(() => this.syncing.delete(key));
      this.syncing.set(key, running);
    }
    return running;
  }

  /** A background load failed: forget the slice so the next search starts over (LanceDB answers meanwhile). */
  private failedLoad(collection: string, slice: DatasetSlice, err: unknown): void {
    const key = `${collection}|${slice.where}`;
    if (this.slices.get(key) === slice) this.slices.delete(key);
    this.logger.warn(`loading ${slice.where} of ${collection} into memory failed: ${(err as Error)?.message ?? err}`);
  }

  private evict(inUse: ReadonlySet<DatasetSlice>): void {
    let total = this.bytes;
    for (const [key, slice] of this.slices) {
      if (total <= this.maxBytes) break;
      if (inUse.has(slice) || this.syncing.has(key)) continue;
      this.slices.delete(key);
      total -= slice.bytes;
    }
  }
}
