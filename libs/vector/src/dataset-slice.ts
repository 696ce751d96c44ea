import type { Table } from '@lancedb/lancedb';
import { type ArrowColumn, rowIdReader, stringReader, vectorReader } from './arrow-columns';
import { Int8Matrix, type Int8MatrixOptions } from './int8-matrix';
import { idsSql } from './lance-filter';
import { PAYLOAD_COLUMNS } from './lance-schema';

/** A search hit as the embedded store's planner returns it (LanceDB's row shape). */
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

type Payload = Omit<SliceRow, '_distance'>;
type ArrowTable = Awaited<ReturnType<ReturnType<Table['query']>['toArrow']>>;

/** JavaScript memory per row besides its vector: the payload strings and the id map entry. */
export const PAYLOAD_BYTES_PER_ROW = 450;
const FETCH_BATCH = 500;
const FULL_ROW = [...PAYLOAD_COLUMNS, 'vector'];

/**
 * The rows of a collection matching a filter (`where`: one dataset, or a small filtered slice), in
 * memory as an Int8Matrix, kept in step with the LanceDB
 * table by diffing rather than reloading. On a new table version only the rows' addresses
 * (`_rowid`) are read (~15 ms at 100k rows): Lance rows are immutable, so an address seen before is
 * the same row, an address gone is a deleted or replaced row, and only new addresses are fetched
 * (`takeRowIds`). Compaction moves every row to a new address; then (id, doc_hash) are compared
 * instead, so vectors are still not refetched. Reads see every write committed before they started.
 */
export class DatasetSlice {
  /** Table version the slice reflects; -1 before the first load. */
  version = -1;
  private readonly matrix: Int8Matrix;
  private payloads: Array<Payload | undefined> = [];
  private rowids: number[] = [];
  private readonly byId = new Map<string, number>();
  private readonly byRowid = new Map<number, number>();

  constructor(
    readonly where: string,
    readonly dimension: number,
    options: Int8MatrixOptions = {},
  ) {
    this.matrix = new Int8Matrix(dimension, options);
  }

  get rows(): number {
    return this.matrix.liveRows;
  }

  get bytes(): number {
    return this.matrix.bytes + this.matrix.size * PAYLOAD_BYTES_PER_ROW;
  }

  /** Brings the slice up to the table as of `version` (read by the caller before this call). */
  async sync(table: Table, version: number): Promise<void> {
    const where = this.where;
    if (this.version < 0) {
      this.append(await table.query().where(where).withRowId().select(FULL_ROW).toArrow());
      this.version = version;
      return;
    }
    const scan = await table.query().where(where).withRowId().select([]).toArrow();
    const rowids = rowIdReader(scan.getChild('_rowid') as unknown as ArrowColumn);
    const kept = new Uint8Array(this.matrix.size);
    const fresh: number[] = [];
    for (let r = 0, n = scan.numRows; r < n; r++) {
      const rowid = rowids(r);
      const row = this.byRowid.get(rowid);
      if (row !== undefined) kept[row] = 1;
      else fresh.push(rowid);
    }
    if (fresh.length > Math.max(2 * FETCH_BATCH, this.matrix.liveRows / 4)) return this.syncByIds(table, where, version);
    const fetched: ArrowTable[] = [];
    for (let i = 0; i < fresh.length; i += FETCH_BATCH) {
      fetched.push(
        await table
          .takeRowIds(fresh.slice(i, i + FETCH_BATCH))
          .withRowId()
          .select(FULL_ROW)
          .toArrow(),
      );
    }
    this.apply(
      kept,
      fetched.map((arrow) => ({ arrow })),
      version,
    );
  }

  /**
   * After a compaction nearly every address is new: rows are matched by (id, doc_hash) instead and
   * take their new addresses; only rows whose id or text is new are fetched.
   */
  private async syncByIds(table: Table, where: string, version: number): Promise<void> {
    const current = await table.query().where(where).withRowId().select(['id', 'doc_hash']).toArrow();
    const ids = stringReader(current.getChild('id') as unknown as ArrowColumn);
    const hashes = stringReader(current.getChild('doc_hash') as unknown as ArrowColumn);
    const rowids = rowIdReader(current.getChild('_rowid') as unknown as ArrowColumn);
    const kept = new Uint8Array(this.matrix.size);
    const moved: Array<[number, number]> = [];
    const missing: string[] = [];
    for (let r = 0, n = current.numRows; r < n; r++) {
      const id = ids(r)!;
      const row = this.byId.get(id);
      if (row !== undefined && this.payloads[row]?.doc_hash === hashes(r)) {
        kept[row] = 1;
        moved.push([row, rowids(r)]);
      } else missing.push(id);
    }
    const fetched: Array<{ arrow: ArrowTable; only?: Set<string> }> = [];
    if (missing.length > Math.max(2 * FETCH_BATCH, this.matrix.liveRows / 4)) {
      // Many new rows: one scan of the dataset beats many `id IN (…)` scans.
      fetched.push({ arrow: await table.query().where(where).withRowId().select(FULL_ROW).toArrow(), only: new Set(missing) });
    } else {
      for (let i = 0; i < missing.length; i += FETCH_BATCH) {
        const batch = missing.slice(i, i + FETCH_BATCH);
        fetched.push({
          arrow: await table
            .query()
            .where(`${where} AND ${idsSql(batch)}`)
            .withRowId()
            .select(FULL_ROW)
            .toArrow(),
        });
      }
    }
    this.byRowid.clear();
    for (const [row, rowid] of moved) {
      this.rowids[row] = rowid;
      this.byRowid.set(rowid, row);
    }
    this.apply(kept, fetched, version);
  }

  /**
   * Drops what is gone and adds what was fetched in one synchronous step, so a search running
   * meanwhile never sees a changed point dropped but its new version not yet added.
   */
  private apply(kept: Uint8Array, fetched: Array<{ arrow: ArrowTable; only?: ReadonlySet<string> }>, version: number): void {
    for (let r = 0; r < kept.length; r++) if (kept[r] === 0 && this.matrix.isAlive(r)) this.drop(r);
    for (const { arrow, only } of fetched) this.append(arrow, only);
    if (this.matrix.droppedRows > 1_000 && this.matrix.droppedRows > this.matrix.size / 4) this.compact();
    this.version = version;
  }

  /** The best `topK` rows, optionally only of the given documents. */
  search(vector: ArrayLike<number>, topK: number, documentIds?: ReadonlySet<string>): SliceRow[] {
    const accept = documentIds ? (row: number) => documentIds.has(this.payloads[row]!.document_id) : undefined;
    return this.matrix.search(vector, topK, accept).map(({ row, score }) => ({ ...this.payloads[row]!, _distance: 1 - score }));
  }

  private append(arrow: ArrowTable, only?: ReadonlySet<string>): void {
    const col = (name: string) => stringReader(arrow.getChild(name) as unknown as ArrowColumn);
    const [ids, tenants, datasets, documents, segments, children, hashes] = PAYLOAD_COLUMNS.map(col);
    const vectors = vectorReader(arrow.getChild('vector') as unknown as ArrowColumn, this.dimension);
    const rowids = rowIdReader(arrow.getChild('_rowid') as unknown as ArrowColumn);
    for (let r = 0, n = arrow.numRows; r < n; r++) {
      const id = ids(r)!;
      if (only && !only.has(id)) continue;
      const previous = this.byId.get(id);
      if (previous !== undefined) this.drop(previous);
      const row = this.matrix.append(vectors(r));
      this.payloads[row] = {
        id,
        tenant_id: tenants(r)!,
        dataset_id: datasets(r)!,
        document_id: documents(r)!,
        segment_id: segments(r)!,
        child_chunk_id: children(r),
        doc_hash: hashes(r)!,
      };
      this.byId.set(id, row);
      this.rowids[row] = rowids(r);
      this.byRowid.set(this.rowids[row], row);
    }
  }

  private drop(row: number): void {
    const payload = this.payloads[row];
    if (payload && this.byId.get(payload.id) === row) this.byId.delete(payload.id);
    if (this.byRowid.get(this.rowids[row]) === row) this.byRowid.delete(this.rowids[row]);
    this.payloads[row] = undefined;
    this.matrix.drop(row);
  }

  private compact(): void {
    const map = this.matrix.compact();
    const payloads: Array<Payload | undefined> = new Array(this.matrix.size);
    const rowids: number[] = new Array(this.matrix.size);
    for (let old = 0; old < map.length; old++) {
      const now = map[old];
      if (now < 0) continue;
      payloads[now] = this.payloads[old];
      rowids[now] = this.rowids[old];
      this.byId.set(this.payloads[old]!.id, now);
      this.byRowid.set(rowids[now], now);
    }
    this.payloads = payloads;
    this.rowids = rowids;
  }
}
