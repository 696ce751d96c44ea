import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DocumentExtractionError } from '../rag.errors';
import type { BlockSource, ExtractInput, Extractor } from '../types';
import { headerRow, rowToText } from './row-text';

/** exceljs cell values come in many shapes (rich text, formulas, hyperlinks, dates, errors). */
export function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value !== 'object') return String(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
  if ('result' in v) return cellToText(v.result);
  if ('text' in v) return cellToText(v.text);
  if ('error' in v) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) return '';
  return '';
}

/**
 * Streams sheets row by row (Dify's 10 MB xlsx took >30 min, issue #16178); the first non-empty
 * row of each sheet is its header, and each block's heading path is the sheet name.
 */
export class XlsxExtractor implements Extractor {
  readonly extensions = ['xlsx', 'xlsm'] as const;

  async *extract(input: ExtractInput): BlockSource {
    const stream = input.buffer ? Readable.from([input.buffer]) : createReadStream(input.path!);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    try {
      for await (const sheet of reader) {
        const name = (sheet as unknown as { name?: string }).name ?? 'Sheet';
        let headers: string[] | undefined;
        for await (const row of sheet) {
          const raw = (row.values as unknown[]) ?? [];
          const values = raw.slice(1).map(cellToText);
          if (!values.some((v) => v.trim())) continue;
          if (!headers) {
            headers = headerRow(values);
            continue;
          }
          const text = rowToText(headers, values);
          if (text) yield { text, kind: 'row', headingPath: [name] };
        }
      }
    } catch (err) {
      if (err instanceof DocumentExtractionError) throw err;
      throw new DocumentExtractionError('corrupt', 'The spreadsheet is corrupt or not a valid .xlsx file.', { cause: err });
    }
  }
}
