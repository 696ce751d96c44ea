/**
 * Where Dify renders a datetime as text (end users, app feedbacks, pipeline uploads), it is Python's
 * `isoformat()` of a naive UTC datetime: `2025-01-16T14:30:29.123000`, no offset. Clients parse exactly
 * that, so it is sent the same way; unix seconds stay the rule everywhere else.
 */
export function difyIsoDateTime(d: Date | string | null | undefined): string | null {
  if (!d) return null;
  const date = d instanceof Date ? d : new Date(d);
  if (!Number.isFinite(date.getTime())) return null;
  const iso = date.toISOString().slice(0, -1);
  // Python writes microseconds, and omits them only when they are zero.
  return iso.endsWith('.000') ? iso.slice(0, -4) : `${iso}000`;
}
