import { assertFilter, assertUuids } from './point-validation';
import type { VectorFilter } from './vector-store';

// Values are validated as UUIDs before they reach SQL; quoting is doubled anyway so a future
// caller that skips validation still cannot break out of the literal.
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
const inList = (column: string, values: readonly string[]) => `${column} IN (${values.map(lit).join(', ')})`;

/** `where` clause for a filter, or null when the filter can match nothing. */
export function filterSql(filter: VectorFilter): string | null {
  assertFilter(filter);
  if (filter.datasetIds.length === 0) return null;
  if (filter.documentIds && filter.documentIds.length === 0) return null;
  const parts = [inList('dataset_id', unique(filter.datasetIds))];
  if (filter.documentIds) parts.push(inList('document_id', unique(filter.documentIds)));
  return parts.join(' AND ');
}

export function documentSql(datasetId: string, documentId: string): string {
  assertUuids('dataset id', [datasetId]);
  assertUuids('document id', [documentId]);
  return `dataset_id = ${lit(datasetId)} AND document_id = ${lit(documentId)}`;
}

export function datasetSql(datasetId: string): string {
  assertUuids('dataset id', [datasetId]);
  return `dataset_id = ${lit(datasetId)}`;
}

export function idsSql(ids: readonly string[]): string {
  assertUuids('point id', ids);
  return inList('id', ids);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
