const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids that are not UUIDs are answered as missing (404), as Dify's `<uuid:>` routes do. */
export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}
