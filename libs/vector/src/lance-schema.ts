import { makeArrowTable } from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, Schema, Utf8 } from 'apache-arrow';
import type { VectorPoint } from './vector-store';

/** One row per point; payload fields are flat columns so `where` filters can use them. */
export function lanceSchema(dimension: number): Schema {
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), false),
    new Field('tenant_id', new Utf8(), false),
    new Field('dataset_id', new Utf8(), false),
    new Field('document_id', new Utf8(), false),
    new Field('segment_id', new Utf8(), false),
    new Field('child_chunk_id', new Utf8(), true),
    new Field('doc_hash', new Utf8(), false),
  ]);
}

export const PAYLOAD_COLUMNS = ['id', 'tenant_id', 'dataset_id', 'document_id', 'segment_id', 'child_chunk_id', 'doc_hash'];

export function toArrowTable(points: VectorPoint[], dimension: number) {
  const rows = points.map((p) => ({
    id: p.id,
    vector: p.vector,
    tenant_id: p.payload.tenant_id,
    dataset_id: p.payload.dataset_id,
    document_id: p.payload.document_id,
    segment_id: p.payload.segment_id,
    child_chunk_id: p.payload.child_chunk_id ?? null,
    doc_hash: p.payload.doc_hash,
  }));
  return makeArrowTable(rows, { schema: lanceSchema(dimension) });
}

/** The vector column's dimension of an existing table, or undefined when it has none. */
export function dimensionOf(schema: Schema): number | undefined {
  const type = schema.fields.find((f) => f.name === 'vector')?.type;
  return type instanceof FixedSizeList ? type.listSize : (type as { listSize?: number } | undefined)?.listSize;
}
