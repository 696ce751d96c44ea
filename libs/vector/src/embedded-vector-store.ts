import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Connection, type Table, connect } from '@lancedb/lancedb';
import { retry } from '@sluice/contracts';
import { KeyedMutex } from './keyed-mutex';
import { datasetSql, documentSql, filterSql, idsSql } from './lance-filter';
import { LanceMaintenance, type LanceMaintenanceOptions } from './lance-maintenance';
import { dimensionOf, lanceSchema, toArrowTable } from './lance-schema';
import { LanceSearchPlanner, type LanceSearchPlannerOptions } from './lance-search-planner';
import { assertCollection, assertPoints, clampScore } from './point-validation';
import type { VectorFilter, VectorHit, VectorPoint, VectorSearchOptions, VectorStore } from './vector-store';
import { VectorStoreRequestError, VectorStoreUnavailableError } from './vector.errors';

export type EmbeddedVectorStoreOptions = Partial<LanceMaintenanceOptions & LanceSearchPlannerOptions>;

const WRITE_BATCH = 2000;
const DELETE_BATCH = 500;

/**
 * The default vector store: LanceDB tables under DATA_DIR/vectors, one per collection. Several
 * processes (the dataset service and ingest workers) may share the directory: writes are queued
 * per table in this process and retried on commit conflicts with another process, and reads
 * check for newer versions on every query so a search sees what any process has written.
 */
export class EmbeddedVectorStore implements VectorStore {
  readonly kind = 'lancedb' as const;
  private readonly root: string;
  private connection?: Promise<Connection>;
  private readonly tables = new Map<string, Promise<{ table: Table; dimension: number } | null>>();
  private readonly writes = new KeyedMutex();
  private readonly maintenance: LanceMaintenance;
  private readonly planner: LanceSearchPlanner;
  private readonly opts: Required<EmbeddedVectorStoreOptions>;
  private closed = false;

  constructor(dir: string, options: EmbeddedVectorStoreOptions = {}) {
    this.root = resolve(dir);
    this.opts = {
      indexThreshold: 10_000,
      optimizeEveryRows: 5_000,
      optimizeEveryWrites: 50,
      flatMaxRows: 10_000,
      sliceCacheBytes: 256 * 1024 * 1024,
      memoryIndexBytes: 512 * 1024 * 1024,
      memoryIndexLoadInBackground: true,
      minProbes: 20,
      maxProbes: 200,
      refineFactor: 5,
      ...options,
    };
    this.maintenance = new LanceMaintenance(this.root, this.opts, (c, fn) => this.locked('optimize', c, fn));
    this.planner = new LanceSearchPlanner(this.opts);
  }

  async ensureCollection(collection: string, dimension: number): Promise<void> {
    await this.tableFor('ensureCollection', collection, dimension);
  }

  async upsert(collection: string, points: VectorPoint[]): Promise<void> {
    if (points.length === 0) return;
    const dimension = points[0].vector.length;
    assertPoints(points, dimension);
    const { table } = await this.tableFor('upsert', collection, dimension);
    // A batch that names one id twice would make merge-insert fail; the last one wins, as in Qdrant.
    const byId = new Map(points.map((p) => [p.id, p]));
    const unique = [...byId.values()];
    for (let i = 0; i < unique.length; i += WRITE_BATCH) {
      const data = toArrowTable(unique.slice(i, i + WRITE_BATCH), dimension);
      await this.locked('upsert', collection, () => table.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(data));
    }
    this.wrote(collection, table, unique.length);
  }

  async search(collection: string, vector: number[], options: VectorSearchOptions): Promise<VectorHit[]> {
    assertCollection(collection);
    const where = filterSql(options);
    if (!where || options.topK <= 0) return [];
    const entry = await this.openIfExists('search', collection);
    if (!entry) return [];
    if (vector.length !== entry.dimension) {
      throw new VectorStoreRequestError(
        `Query vector has dimension ${vector.length}, but collection ${collection} holds ${entry.dimension}-dimensional vectors.`,
      );
    }
    const rows = await this.guard('search', collection, () => this.planner.search(collection, entry.table, options, where, vector, options.topK));
    const threshold = options.scoreThreshold ?? 0;
    const hits: VectorHit[] = [];
    for (const r of rows) {
      const score = clampScore(1 - Number(r._distance));
      if (score < threshold) continue;
      hits.push({
        id: r.id,
        score,
        payload: {
          tenant_id: r.tenant_id,
          dataset_id: r.dataset_id,
          document_id: r.document_id,
          segment_id: r.segment_id,
          child_chunk_id: r.child_chunk_id ?? null,
          doc_hash: r.doc_hash,
        },
      });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  async deleteByIds(collection: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (let i = 0; i < ids.length; i += DELETE_BATCH) idsSql(ids.slice(i, i + DELETE_BATCH));
    const entry = await this.openIfExists('deleteByIds', collection);
    if (!entry) return;
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const predicate = idsSql(ids.slice(i, i + DELETE_BATCH));
      await this.locked('deleteByIds', collection, () => entry.table.delete(predicate));
    }
    this.wrote(collection, entry.table, 0);
  }

  deleteByDocument(collection: string, datasetId: string, documentId: string): Promise<void> {
    return this.deleteWhere('deleteByDocument', collection, documentSql(datasetId, documentId));
  }

  async deleteByDataset(collection: string, datasetId: string): Promise<void> {
    await this.deleteWhere('deleteByDataset', collection, datasetSql(datasetId));
    this.planner.forgetDataset(collection, datasetId);
  }

  async count(collection: string, filter: VectorFilter): Promise<number> {
    assertCollection(collection);
    const where = filterSql(filter);
    if (!where) return 0;
    const entry = await this.openIfExists('count', collection);
    if (!entry) return 0;
    return this.guard('count', collection, () => entry.table.countRows(where));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.drain();
    await this.planner.idle();
    // An index build can take minutes at scale; shutdown does not wait for it (it is redone by
    // the next process that writes), and handles still in use by it are left to process exit.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.maintenance.idle(), new Promise((r) => (timer = setTimeout(r, 5_000)))]);
    clearTimeout(timer);
    if (this.maintenance.busy()) return;
    for (const entry of this.tables.values()) (await entry.catch(() => null))?.table.close();
    this.tables.clear();
    const conn = await this.connection?.catch(() => undefined);
    conn?.close();
  }

  /** Waits for background compaction/indexing (tests and benchmarks). */
  async idle(): Promise<void> {
    await this.writes.drain();
    await this.maintenance.idle();
    await this.planner.idle();
  }

  /** Whether the collection has its vector index yet (benchmarks). */
  async hasVectorIndex(collection: string): Promise<boolean> {
    const entry = await this.openIfExists('hasVectorIndex', collection);
    return entry ? this.maintenance.hasVectorIndex(entry.table) : false;
  }

  /** Trains/updates indexes now instead of waiting for the write thresholds (benchmarks). */
  async optimizeNow(collection: string): Promise<void> {
    const entry = await this.openIfExists('optimize', collection);
    if (!entry) return;
    this.maintenance.noteWrite(collection, entry.table, Number.MAX_SAFE_INTEGER);
    await this.maintenance.idle();
    this.planner.invalidate(collection);
  }

  private wrote(collection: string, table: Table, rows: number): void {
    this.planner.invalidate(collection);
    this.maintenance.noteWrite(collection, table, rows);
  }

  private async deleteWhere(op: string, collection: string, predicate: string): Promise<void> {
    const entry = await this.openIfExists(op, collection);
    if (!entry) return;
    await this.locked(op, collection, () => entry.table.delete(predicate));
    this.wrote(collection, entry.table, 0);
  }

  private conn(): Promise<Connection> {
    if (this.closed) throw new VectorStoreUnavailableError('The embedded vector store is closed.');
    if (!this.connection) {
      mkdirSync(this.root, { recursive: true });
      // readConsistencyInterval 0: every read checks for versions committed by other processes.
      this.connection = connect(this.root, { readConsistencyInterval: 0 });
      this.connection.catch(() => (this.connection = undefined));
    }
    return this.connection;
  }

  private openIfExists(op: string, collection: string): Promise<{ table: Table; dimension: number } | null> {
    assertCollection(collection);
    let entry = this.tables.get(collection);
    if (!entry) {
      entry = this.guard(op, collection, async () => {
        const conn = await this.conn();
        // Another process may have created it since we last looked, so a miss is not cached.
        if (!(await conn.tableNames()).includes(collection)) return null;
        const table = await conn.openTable(collection);
        return { table, dimension: this.dimensionOf(collection, await table.schema()) };
      });
      this.tables.set(collection, entry);
      void entry.then(
        (e) => e === null && this.tables.get(collection) === entry && this.tables.delete(collection),
        () => this.tables.get(collection) === entry && this.tables.delete(collection),
      );
    }
    return entry;
  }

  private async tableFor(op: string, collection: string, dimension: number): Promise<{ table: Table; dimension: number }> {
    assertCollection(collection);
    if (!Number.isInteger(dimension) || dimension <= 0) throw new VectorStoreRequestError(`Invalid vector dimension ${dimension}.`);
    let entry = await this.openIfExists(op, collection);
    if (!entry) {
      const created = this.locked(op, collection, async () => {
        const conn = await this.conn();
        // existOk: a concurrent creator (this or another process) wins quietly and we open its table.
        const table = await conn.createEmptyTable(collection, lanceSchema(dimension), { mode: 'create', existOk: true });
        return { table, dimension: this.dimensionOf(collection, await table.schema()) };
      });
      this.tables.set(collection, created);
      created.catch(() => this.tables.get(collection) === created && this.tables.delete(collection));
      entry = await created;
    }
    if (entry.dimension !== dimension) {
      throw new VectorStoreRequestError(`Collection ${collection} holds ${entry.dimension}-dimensional vectors; got ${dimension}.`);
    }
    return entry;
  }

  private dimensionOf(collection: string, schema: Parameters<typeof dimensionOf>[0]): number {
    const d = dimensionOf(schema);
    if (!d) throw new VectorStoreRequestError(`Table ${collection} in ${this.root} has no vector column.`);
    return d;
  }

  /** A write: serialized per table in this process, retried when another process committed first. */
  private locked<T>(op: string, collection: string, fn: () => Promise<T>): Promise<T> {
    return this.writes.run(collection, () =>
      this.guard(op, collection, () => retry(fn, { attempts: 8, baseMs: 20, maxMs: 1_000, retryable: isCommitConflict })),
    );
  }

  private async guard<T>(op: string, collection: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof VectorStoreRequestError || err instanceof VectorStoreUnavailableError) throw err;
      throw new VectorStoreUnavailableError(`Embedded vector store (LanceDB) failed to ${op} on ${collection}: ${err?.message ?? err}`);
    }
  }
}

function isCommitConflict(err: unknown): boolean {
  const msg = String((err as Error)?.message ?? err);
  return /conflict|retryable|concurrent|commit/i.test(msg);
}
