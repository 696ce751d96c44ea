import { DocumentExtractionError } from '../rag.errors';
import type { BlockSource, ExtractInput, Extractor, FileKind } from '../types';
import { CsvExtractor } from './csv-extractor';
import { DocxExtractor } from './docx-extractor';
import { detectFileKind } from './file-type';
import { HtmlExtractor } from './html-extractor';
import { inputSize } from './input-source';
import { MarkdownExtractor } from './markdown-extractor';
import { PdfExtractor } from './pdf-extractor';
import { type PdfWorkerOptions, extractPdfInWorker } from './pdf-worker-pool';
import { TextExtractor } from './text-extractor';
import { XlsxExtractor } from './xlsx-extractor';

export const EMPTY_FILE_MESSAGE = 'The file is empty.';

export interface ExtractorRegistryOptions {
  /** Parse PDFs in a worker thread (recommended in the ingest worker); `true` uses defaults. */
  pdfInWorker?: boolean | PdfWorkerOptions;
}

/** Picks the extractor for a file (extension, overruled by magic bytes) and runs it. */
export class ExtractorRegistry {
  private readonly byKind = new Map<FileKind, Extractor>();

  constructor(options: ExtractorRegistryOptions = {}) {
    const worker = options.pdfInWorker;
    const pdf: Extractor = worker ? { extensions: ['pdf'], extract: (input) => extractPdfInWorker(input, worker === true ? {} : worker) } : new PdfExtractor();
    this.register('pdf', pdf);
    this.register('docx', new DocxExtractor());
    this.register('xlsx', new XlsxExtractor());
    this.register('html', new HtmlExtractor());
    this.register('markdown', new MarkdownExtractor());
    this.register('csv', new CsvExtractor());
    this.register('text', new TextExtractor());
  }

  register(kind: FileKind, extractor: Extractor): this {
    this.byKind.set(kind, extractor);
    return this;
  }

  /** Throws `UnsupportedFileTypeError` or `DocumentExtractionError` before any parsing starts. */
  async resolve(input: ExtractInput): Promise<{ kind: FileKind; extractor: Extractor }> {
    if ((await inputSize(input)) === 0) throw new DocumentExtractionError('empty_file', EMPTY_FILE_MESSAGE);
    const kind = await detectFileKind(input);
    const extractor = this.byKind.get(kind);
    if (!extractor) throw new Error(`no extractor registered for ${kind}`);
    return { kind, extractor };
  }

  async *extract(input: ExtractInput): BlockSource {
    const { extractor } = await this.resolve(input);
    yield* extractor.extract(input);
  }
}

const defaultRegistry = new ExtractorRegistry();

/** Blocks of `input` in reading order, using the default registry (PDF parsed on this thread). */
export function extractDocument(input: ExtractInput, registry: ExtractorRegistry = defaultRegistry): BlockSource {
  return registry.extract(input);
}
