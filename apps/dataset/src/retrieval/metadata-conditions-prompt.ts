import type { MetadataFilter } from './metadata-filter';

/** A metadata field the model may filter on. */
export interface MetadataField {
  name: string;
  /** string | number | time (Dify's metadata types) */
  type: string;
}

/** Operators that make sense per field type, as Dify's metadata filter UI offers them. */
const OPERATORS_BY_TYPE: Record<string, readonly string[]> = {
  string: ['contains', 'not contains', 'start with', 'end with', 'is', 'is not', 'empty', 'not empty', 'in', 'not in'],
  number: ['=', '≠', '>', '<', '≥', '≤', 'empty', 'not empty'],
  time: ['before', 'after', 'empty', 'not empty'],
};
const NO_VALUE = new Set(['empty', 'not empty']);

export function metadataConditionMessages(fields: readonly MetadataField[], query: string): { role: 'system' | 'user'; content: string }[] {
  const list = fields.map((f) => `- ${f.name} (${f.type}): ${(OPERATORS_BY_TYPE[f.type] ?? OPERATORS_BY_TYPE.string).join(', ')}`).join('\n');
  return [
    {
      role: 'system',
      content:
        "You narrow a document search by metadata. From the user's question, write filter conditions on these fields (name (type): allowed operators):\n" +
        `${list}\n` +
        '- Only write a condition the question states or clearly implies; most questions need none.\n' +
        '- time values are ISO dates (YYYY-MM-DD); number values are numbers.\n' +
        'Reply with JSON only: {"conditions": [{"name": "<field>", "comparison_operator": "<operator>", "value": <value>}]}, or {"conditions": []}.',
    },
    { role: 'user', content: query },
  ];
}

/**
 * The conditions in a model's reply that name a known field with an operator allowed for its type;
 * anything else is dropped (a wrong filter would hide the right documents). Also reads Dify's own
 * reply shape, `{"metadata_map": [{"metadata_field_name", "metadata_field_value", "comparison_operator"}]}`.
 * Null when nothing usable remains.
 */
export function parseMetadataConditions(reply: string, fields: readonly MetadataField[]): MetadataFilter | null {
  const json = reply.match(/\{[\s\S]*\}/)?.[0];
  if (!json) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  const raw = (Array.isArray(parsed.conditions) ? parsed.conditions : Array.isArray(parsed.metadata_map) ? parsed.metadata_map : []) as Record<
    string,
    unknown
  >[];
  const types = new Map(fields.map((f) => [f.name, f.type]));
  const conditions: MetadataFilter['conditions'] = [];
  for (const c of raw) {
    const name = String(c?.name ?? c?.metadata_field_name ?? '');
    const operator = String(c?.comparison_operator ?? '');
    const value = c?.value ?? c?.metadata_field_value ?? null;
    const type = types.get(name);
    if (!type || !(OPERATORS_BY_TYPE[type] ?? OPERATORS_BY_TYPE.string).includes(operator)) continue;
    if (!NO_VALUE.has(operator) && !isValue(value)) continue;
    conditions.push({
      name,
      comparison_operator: operator as MetadataFilter['conditions'][number]['comparison_operator'],
      value: NO_VALUE.has(operator) ? null : (value as string | number),
    });
  }
  return conditions.length ? { logical_operator: 'and', conditions } : null;
}

function isValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return v.trim() !== '';
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' || typeof x === 'number');
}
