import { z } from 'zod';
import { metadataFilterSchema, parseConfig } from '@sluice/contracts';

export type MetadataFilter = z.infer<typeof metadataFilterSchema>;

/** The conditions of an app's or a knowledge-retrieval node's config; none means no filter. */
export function parseMetadataFilter(value: unknown): MetadataFilter | null {
  if (value === undefined || value === null) return null;
  return activeFilter(
    parseConfig(z.object({ metadata_filtering_conditions: metadataFilterSchema }), { metadata_filtering_conditions: value }).metadata_filtering_conditions,
  );
}

/** A filter without conditions filters nothing. */
export function activeFilter(f: MetadataFilter | null | undefined): MetadataFilter | null {
  return f?.conditions.length ? f : null;
}

/**
 * Built-in fields (Dify's document_name, upload_date, …) read the document's own columns; times
 * are unix seconds, as Dify stores time metadata.
 */
const BUILT_IN: Record<string, string> = {
  document_name: 'd.name',
  upload_date: 'floor(extract(epoch from d.created_at))::text',
  last_update_date: 'floor(extract(epoch from d.updated_at))::text',
  source: 'd.data_source_type',
};

const NUMERIC = `'^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$'`;
const ISO_DATE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}'`;

/**
 * SQL (over `documents d`) for the conditions, with `$n` placeholders numbered after `paramOffset`.
 * Values are always bound, never spliced; a non-numeric value never matches a numeric comparison
 * instead of failing the query.
 */
export function metadataFilterSql(filter: MetadataFilter, paramOffset: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${paramOffset + params.length}`;
  };
  const parts = filter.conditions.map((c) => {
    const field = BUILT_IN[c.name] ?? `(d.doc_metadata ->> ${bind(c.name)})`;
    const num = `(CASE WHEN ${field} ~ ${NUMERIC} THEN (${field})::numeric END)`;
    const time = `(CASE WHEN ${field} ~ ${NUMERIC} THEN (${field})::numeric WHEN ${field} ~ ${ISO_DATE} THEN extract(epoch from (${field})::timestamptz) END)`;
    const text = c.value === null || c.value === undefined ? '' : Array.isArray(c.value) ? c.value.join(',') : String(c.value);
    const like = (pattern: string) => `${field} ILIKE ${bind(pattern)}`;
    switch (c.comparison_operator) {
      case 'contains':
        return like(`%${escapeLike(text)}%`);
      case 'not contains':
        return `(${field} IS NULL OR NOT ${like(`%${escapeLike(text)}%`)})`;
      case 'start with':
        return like(`${escapeLike(text)}%`);
      case 'end with':
        return like(`%${escapeLike(text)}`);
      case 'is':
        return `${field} = ${bind(text)}`;
      case 'is not':
        return `${field} IS DISTINCT FROM ${bind(text)}`;
      case 'empty':
        return `coalesce(${field}, '') = ''`;
      case 'not empty':
        return `coalesce(${field}, '') <> ''`;
      case 'in':
        return `${field} = ANY(${bind(listOf(c.value))}::text[])`;
      case 'not in':
        return `(${field} IS NULL OR NOT (${field} = ANY(${bind(listOf(c.value))}::text[])))`;
      case '=':
        return `${num} = ${bind(toNumber(c.value))}`;
      case '≠':
      case '!=':
        return `${num} IS DISTINCT FROM ${bind(toNumber(c.value))}`;
      case '>':
        return `${num} > ${bind(toNumber(c.value))}`;
      case '<':
        return `${num} < ${bind(toNumber(c.value))}`;
      case '≥':
      case '>=':
        return `${num} >= ${bind(toNumber(c.value))}`;
      case '≤':
      case '<=':
        return `${num} <= ${bind(toNumber(c.value))}`;
      case 'before':
        return `${time} < ${bind(toEpoch(c.value))}`;
      case 'after':
        return `${time} > ${bind(toEpoch(c.value))}`;
    }
  });
  return { sql: `(${parts.join(filter.logical_operator === 'or' ? ' OR ' : ' AND ')})`, params };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (v === null || v === undefined || v === '') return [];
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function toNumber(v: unknown): number | null {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim());
  return Number.isFinite(n) && String(v ?? '').trim() !== '' ? n : null;
}

/** Unix seconds from a number (seconds, or milliseconds when that large) or a date string. */
function toEpoch(v: unknown): number | null {
  const n = toNumber(v);
  if (n !== null) return n > 1e11 ? n / 1000 : n;
  const t = Date.parse(String(v ?? ''));
  return Number.isFinite(t) ? t / 1000 : null;
}
