/**
 * "header: value; header: value", the row-wise shape Dify uses for CSV/XLSX so each row reads
 * as a self-contained fact. Empty cells are left out: "Phone: ; Fax: " only adds noise to retrieval.
 */
export function rowToText(headers: readonly string[], values: readonly string[]): string {
  const parts: string[] = [];
  const n = Math.max(headers.length, values.length);
  for (let i = 0; i < n; i++) {
    const value = (values[i] ?? '').trim();
    if (!value) continue;
    const header = (headers[i] ?? '').trim() || `column ${i + 1}`;
    parts.push(`${header}: ${value}`);
  }
  return parts.join('; ');
}

export function headerRow(values: readonly string[]): string[] {
  return values.map((v, i) => v.trim() || `column ${i + 1}`);
}
