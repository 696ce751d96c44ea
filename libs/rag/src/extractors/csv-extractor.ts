import { once } from 'node:events';
import { type Options, Parser } from 'csv-parse';
import type { BlockSource, ExtractInput, Extractor } from '../types';
import { extensionOf } from './input-source';
import { headerRow, rowToText } from './row-text';
import { decodedChunks } from './text-decoding';

function guessDelimiter(sample: string, ext: string): string {
  if (ext === 'tsv') return '\t';
  const nl = sample.indexOf('\n');
  const firstLine = nl >= 0 ? sample.slice(0, nl) : sample;
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates: [string, number][] = [',', ';', '\t', '|'].map((ch) => [ch, count(ch)]);
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

/**
 * Lenient on purpose: people upload spreadsheets' CSV exports, not validated data, so stray
 * quotes stay text, rows may be ragged, any line ending ends a row, and a row that still cannot be
 * parsed (a quote never closed) is skipped instead of failing the whole document.
 */
const PARSE_OPTIONS: Options = {
  bom: true,
  relax_quotes: true,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_records_with_error: true,
};

/** One block per data row (Dify makes one document per row), streamed so big sheets stay small in memory. */
export class CsvExtractor implements Extractor {
  readonly extensions = ['csv', 'tsv'] as const;

  async *extract(input: ExtractInput): BlockSource {
    const chunks = decodedChunks(input);
    const first = await chunks.next();
    if (first.done) return;
    const parser = new Parser({ ...PARSE_OPTIONS, delimiter: guessDelimiter(first.value, extensionOf(input.filename)) });
    // Stops the feeder waiting for 'drain' when the reader stops early.
    const stop = new AbortController();
    const feed = (async () => {
      for (let chunk: IteratorResult<string> = first; !chunk.done; chunk = await chunks.next()) {
        if (!parser.write(chunk.value)) await once(parser, 'drain', { signal: stop.signal });
      }
      parser.end();
    })().catch((err) => parser.destroy(err));
    let headers: string[] | undefined;
    try {
      for await (const row of parser as AsyncIterable<string[]>) {
        if (!row.some((v) => v.trim())) continue;
        if (!headers) {
          headers = headerRow(row);
          continue;
        }
        const text = rowToText(headers, row);
        if (text) yield { text, kind: 'row' };
      }
    } finally {
      stop.abort();
      parser.destroy();
      await feed;
      await chunks.return(undefined);
    }
  }
}
