import type { Table } from '@lancedb/lancedb';
import { type ArrowColumn, stringReader, vectorReader } from './arrow-columns';
import { Int8Matrix } from './int8-matrix';
import { datasetSql, idsSql } from './lance-filter';
import { PAYLOAD_COLUMNS } from './lance-schema';
import type { SliceRow } from './lance-slice-cache';

type Payload = Omit<SliceRow, '_distance'>;
type ArrowTable = Awaited<ReturnType<ReturnType<Table['query']>['toArrow']>>;

/** JavaScript memory per row besides its vector: the payload strings and the id map entry. */
export const PAYLOAD_BYTES_PER_ROW = 450;
const FETCH_BATCH = 500;

/**
 * One dataset's vectors of a collection, in memory as an Int8Matrix, kept in step with the LanceDB
 * table by diffing rather than reloading: on a new table version only (id, doc_hash) is read
 * (~25 ms at 100k rows), rows that are gone or changed are dropped, and only new rows' vectors are
 * fetched. So an ingestion landing in a big dataset costs the next search tens of milliseconds,
 * not a full reload, and reads still see every write committed before they started.
 */
export class DatasetSlice {
  /** Table version the slice reflects; -1 before the first load. */
  version = -1;
  private readonly matrix: Int8Matrix;
  private payloads: Array<Payload | undefined> = [];
  private readonly byId = new Map<string, number>();

  constructor(
    readonly datasetId: string,
    readonly dimension: number,
  ) {
    this.matrix = new Int8Matrix(dimension);
  }

  get rows(): number {
    return this.matrix.liveRows;
  }

  get bytes(): number {
    return this.matrix.bytes + this.matrix.size * PAYLOAD_BYTES_PER_ROW;
  }

  /** Brings the slice up to the table as of `version` (read by the caller before this call). */
  async sync(table: Table, version: number): Promise<void> {
    const where = datasetSql(this.datasetId);
    if (this.version < 0) {
      this.append(await table.query().where(where).select([...PAYLOAD_COLUMNS, 'vector']).toArrow());
      this.version = version;
      return;
    }
    const current = await table.query().where(where).select(['id', 'doc_hash']).toArrow();
    const ids = stringReader(current.getChild('id') as unknown as ArrowColumn);
    const hashes = stringReader(current.getChild('doc_hash') as unknown as ArrowColumn);
    const kept = new Uint8Array(this.matrix.size);
    const missing: string[] = [];
    for (let r = 0, n = current.numRows; r < n; r++) {
      const id = ids(r)!;
      const row = this.byId.get(id);
      if (row !== undefined && this.payloads[row]?.doc_hash === hashes(r)) kept[row] = 1;
      else missing.push(id);
    }
    // Fetched first and applied in one synchronous step, so a search running meanwhile never sees
    // a changed point dropped but its new version not yet added.
    const columns = [...PAYLOAD_COLUMNS, 'vector'];
    const fetched: Array<{ arrow: ArrowTable; only?: Set<string> }> = [];
    if (missing.length > Math.max(2 * FETCH_BATCH, this.matrix.liveRows / 4)) {
      // Many new rows: one scan of the dataset beats many `id IN (…)` scans.
      fetched.push({ arrow: await table.query().where(where).select(columns).toArrow(), only: new Set(missing) });
    } else {
      for (let i = 0; i < missing.length; i += FETCH_BATCH) {
        const batch = missing.slice(i, i + FETCH_BATCH);
        fetched.push({ arrow: await table.query().where(`${where} AND ${idsSql(batch)}`).select(columns).toArrow() });
      }
    }
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
    }
  }

  private drop(row: number): void {
    const payload = this.payloads[row];
    if (payload && this.byId.get(payload.id) === row) this.byId.delete(payload.id);
    this.payloads[row] = undefined;
    this.matrix.drop(row);
  }

  private compact(): void {
    const map = this.matrix.compact();
    const payloads: Array<Payload | undefined> = new Array(this.matrix.size);
    for (let old = 0; old < map.length; old++) {
      const now = map[old];
      if (now < 0) continue;
      payloads[now] = this.payloads[old];
      this.byId.set(this.payloads[old]!.id, now);
    }
    this.payloads = payloads;
  }
}
