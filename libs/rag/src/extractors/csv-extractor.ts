import type { BlockSource, ExtractInput, Extractor } from '../types';
import { extensionOf } from './input-source';
import { headerRow, rowToText } from './row-text';
import { decodedChunks } from './text-decoding';

/** RFC 4180 state machine fed in chunks: quoted fields may hold delimiters, quotes ("") and newlines. */
class CsvRowParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  private quoteSeen = false;
  private pendingCR = false;

  constructor(private readonly delimiter: string) {}

  push(chunk: string, rows: string[][]): void {
    const d = this.delimiter;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === '\n') continue;
      }
      if (this.quoted) {
        if (c === '"') {
          if (this.quoteSeen) {
            this.field += '"';
            this.quoteSeen = false;
          } else this.quoteSeen = true;
          continue;
        }
        if (this.quoteSeen) {
          this.quoted = false;
          this.quoteSeen = false;
        } else {
          this.field += c;
          continue;
        }
      }
      if (c === '"' && this.field === '') this.quoted = true;
      else if (c === d) this.endField();
      else if (c === '\n' || c === '\r') {
        this.pendingCR = c === '\r';
        this.endField();
        rows.push(this.row);
        this.row = [];
      } else this.field += c;
    }
  }

  end(rows: string[][]): void {
    if (this.field !== '' || this.row.length) {
      this.endField();
      rows.push(this.row);
    }
    this.row = [];
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.quoted = false;
    this.quoteSeen = false;
  }
}

function guessDelimiter(sample: string, ext: string): string {
  if (ext === 'tsv') return '\t';
  const nl = sample.indexOf('\n');
  const firstLine = nl >= 0 ? sample.slice(0, nl) : sample;
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates: [string, number][] = [',', ';', '\t', '|'].map((ch) => [ch, count(ch)]);
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

/** One block per data row (Dify makes one document per row), streamed so big sheets stay small in memory. */
export class CsvExtractor implements Extractor {
  readonly extensions = ['csv', 'tsv'] as const;

  async *extract(input: ExtractInput): BlockSource {
    let parser: CsvRowParser | undefined;
    let headers: string[] | undefined;
    const rows: string[][] = [];
    const drain = function* (): Generator<{ text: string; kind: 'row' }> {
      for (const row of rows) {
        if (!row.some((v) => v.trim())) continue;
        if (!headers) {
          headers = headerRow(row);
          continue;
        }
        const text = rowToText(headers, row);
        if (text) yield { text, kind: 'row' };
      }
      rows.length = 0;
    };
    for await (const chunk of decodedChunks(input)) {
      parser ??= new CsvRowParser(guessDelimiter(chunk, extensionOf(input.filename)));
      parser.push(chunk, rows);
      yield* drain();
    }
    parser?.end(rows);
    yield* drain();
  }
}
