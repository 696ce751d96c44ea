/**
 * Fast sequential readers for Arrow columns returned by LanceDB. `column.get(row)` builds an
 * object per row (vectors) or runs a TextDecoder per value (strings); loading a 100k-row dataset
 * that way took ~0.6 s, almost all of it in those calls. These readers decode each chunk once.
 * Rows must be asked for in increasing order.
 */

interface ChunkData {
  length: number;
  nullBitmap?: Uint8Array;
  nullCount?: number;
  valueOffsets?: Int32Array;
  values?: Uint8Array | Float32Array;
  children: ReadonlyArray<{ values: Float32Array }>;
}

export interface ArrowColumn {
  get(row: number): unknown;
  data: ReadonlyArray<ChunkData>;
}

/** Walks chunks as rows increase; returns the chunk holding `row` and the row's index in it. */
function chunkWalker(column: ArrowColumn): (row: number) => { chunk: number; at: number } {
  let chunk = 0;
  let start = 0;
  const chunks = column.data;
  return (row) => {
    while (chunk < chunks.length && row >= start + chunks[chunk].length) start += chunks[chunk++].length;
    return { chunk, at: row - start };
  };
}

/** Row → vector of a fixed-size-list<float32> column, as views on the chunk's buffer. */
export function vectorReader(column: ArrowColumn, dimension: number): (row: number) => ArrayLike<number> {
  const walk = chunkWalker(column);
  return (row) => {
    const { chunk, at } = walk(row);
    const data = column.data[chunk];
    const values = data?.children[0]?.values;
    // Sliced chunks have their buffers sliced too (apache-arrow's Data.slice); anything else is read the slow way.
    if (!values || values.length < data.length * dimension) return (column.get(row) as { toArray(): Float32Array }).toArray();
    return values.subarray(at * dimension, (at + 1) * dimension);
  };
}

/** Row → string (or null) of a utf8 column; each ASCII chunk is decoded once and cut by its offsets. */
export function stringReader(column: ArrowColumn): (row: number) => string | null {
  const walk = chunkWalker(column);
  const decoded = new Map<number, string | null>();
  return (row) => {
    const { chunk, at } = walk(row);
    const data = column.data[chunk];
    if (!data || (data.nullCount ?? 0) > 0) return (column.get(row) as string | null) ?? null;
    let text = decoded.get(chunk);
    if (text === undefined) {
      decoded.clear();
      text = asciiText(data);
      decoded.set(chunk, text);
    }
    if (text === null) return (column.get(row) as string | null) ?? null;
    const offsets = data.valueOffsets!;
    return text.slice(offsets[at] - offsets[0], offsets[at + 1] - offsets[0]);
  };
}

/** The chunk's characters when every byte is ASCII (so byte offsets are character offsets), else null. */
function asciiText(data: ChunkData): string | null {
  const offsets = data.valueOffsets;
  const bytes = data.values;
  if (!offsets || !(bytes instanceof Uint8Array)) return null;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + offsets[0], offsets[data.length] - offsets[0]);
  const text = view.toString('latin1');
  for (let i = 0; i < view.length; i++) if (view[i] > 0x7f) return null;
  return text;
}

/** Row → number of a uint64 column (LanceDB's `_rowid`: fragment << 32 | offset, well below 2^53). */
export function rowIdReader(column: ArrowColumn): (row: number) => number {
  const walk = chunkWalker(column);
  return (row) => {
    const { chunk, at } = walk(row);
    const values = column.data[chunk]?.values as unknown as BigUint64Array | undefined;
    return Number(values instanceof BigUint64Array ? values[at] : (column.get(row) as bigint));
  };
}
