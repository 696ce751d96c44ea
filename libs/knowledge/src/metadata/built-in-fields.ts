/** Dify's built-in metadata fields, filled from the document itself when a dataset enables them. */
export const BUILT_IN_FIELDS = [
  { name: 'document_name', type: 'string' },
  { name: 'uploader', type: 'string' },
  { name: 'upload_date', type: 'time' },
  { name: 'last_update_date', type: 'time' },
  { name: 'source', type: 'string' },
] as const;

export const BUILT_IN_NAMES: ReadonlySet<string> = new Set(BUILT_IN_FIELDS.map((f) => f.name));
