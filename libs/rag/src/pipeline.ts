import { type CleaningRules, cleanText, cleaningRulesFrom } from './cleaner';
import { ExtractorRegistry, type ExtractorRegistryOptions } from './extractors/extractor-registry';
import { loadPdfParse } from './extractors/pdf-parse-loader';
import { type ProcessRule, parseProcessRule } from './process-rule';
import { DocumentExtractionError } from './rag.errors';
import { SegmentBuilder, type TextUnit, type TokenCounter, countGptTokens } from './segment-builder';
import type { ExtractInput, ExtractedBlock, Segment } from './types';

export interface ProcessOptions extends ExtractorRegistryOptions {
  /** Overrides the default registry (and `pdfInWorker`). */
  registry?: ExtractorRegistry;
  countTokens?: TokenCounter;
  signal?: AbortSignal;
  /** Updated in place while the stream runs, so a worker can report progress or checkpoint. */
  stats?: ProcessStats;
}

export interface ProcessStats {
  blocks: number;
  /** Highest page seen (PDF); 0 for formats without pages. */
  pages: number;
  /** Characters extracted before cleaning — Dify's `documents.word_count`. */
  wordCount: number;
  segments: number;
  tokens: number;
}

export interface ProcessedDocument {
  segments: Segment[];
  stats: ProcessStats;
}

/** Units larger than this are flushed at a block boundary, so a huge text file is never one string. */
const MAX_UNIT_CHARS = 100_000;
/** A Markdown table over the size is best cut between rows. */
const TABLE_SEPARATORS = ['\n', ' ', ''] as const;

export const NO_TEXT_MESSAGE = 'The document contains no text to index.';

function sameSection(a: ExtractedBlock, b: ExtractedBlock): boolean {
  if (a.page !== b.page) return false;
  const pa = a.headingPath ?? [];
  const pb = b.headingPath ?? [];
  return pa.length === pb.length && pa.every((h, i) => h === pb[i]);
}

/**
 * Groups blocks into units that are split independently, mirroring Dify where each extracted
 * document (a PDF page, a CSV row) is split on its own: chunks never straddle a page, a heading
 * section, or a table, and each CSV/XLSX row stays whole.
 */
export async function* units(blocks: AsyncIterable<ExtractedBlock>, stats: ProcessStats, signal?: AbortSignal): AsyncGenerator<TextUnit> {
  let current: ExtractedBlock | undefined;
  let parts: string[] = [];
  let size = 0;
  const flush = (): TextUnit | undefined => {
    if (!current || !parts.length) return undefined;
    const unit: TextUnit = { text: parts.join('\n\n'), page: current.page, headingPath: current.headingPath };
    parts = [];
    size = 0;
    return unit;
  };
  for await (const block of blocks) {
    signal?.throwIfAborted();
    stats.blocks++;
    stats.wordCount += block.text.length;
    if (block.page && block.page > stats.pages) stats.pages = block.page;
    if (block.kind === 'row' || block.kind === 'table') {
      const before = flush();
      if (before) yield before;
      current = undefined;
      yield { text: block.text, page: block.page, headingPath: block.headingPath, separators: block.kind === 'table' ? TABLE_SEPARATORS : undefined };
      continue;
    }
    if (current && (!sameSection(current, block) || size > MAX_UNIT_CHARS)) {
      const before = flush();
      if (before) yield before;
    }
    current = block;
    parts.push(block.text);
    size += block.text.length;
  }
  const last = flush();
  if (last) yield last;
}

/**
 * extract → clean → split as one stream of segments (positions 1-based, in document order).
 * Throws `UnsupportedFileTypeError`, `DocumentExtractionError` (readable message) or
 * `ProcessRuleValidationError` (when `rule` is raw input that does not validate).
 */
export async function* processDocumentStream(input: ExtractInput, rule: ProcessRule | unknown, options: ProcessOptions = {}): AsyncGenerator<Segment> {
  const parsed = parseProcessRule(rule);
  const cleaning: CleaningRules = cleaningRulesFrom(parsed.rules.pre_processing_rules);
  const registry = options.registry ?? new ExtractorRegistry({ pdfInWorker: options.pdfInWorker });
  const builder = new SegmentBuilder(parsed, options.countTokens);
  const stats = options.stats ?? { blocks: 0, pages: 0, wordCount: 0, segments: 0, tokens: 0 };
  const emit = function* (segments: Iterable<Segment>) {
    for (const s of segments) {
      stats.segments++;
      stats.tokens += s.tokens;
      yield s;
    }
  };
  for await (const unit of units(registry.extract(input), stats, options.signal)) {
    yield* emit(builder.add({ ...unit, text: cleanText(unit.text, cleaning) }));
  }
  yield* emit(builder.finish());
  if (stats.segments === 0) throw new DocumentExtractionError('no_text', NO_TEXT_MESSAGE);
}

/** Convenience for callers that want every segment at once (the benchmark, small files). */
export async function processDocument(input: ExtractInput, rule: ProcessRule | unknown, options: ProcessOptions = {}): Promise<ProcessedDocument> {
  const stats: ProcessStats = options.stats ?? { blocks: 0, pages: 0, wordCount: 0, segments: 0, tokens: 0 };
  const segments: Segment[] = [];
  for await (const s of processDocumentStream(input, rule, { ...options, stats })) segments.push(s);
  return { segments, stats };
}

/**
 * Loads the tokenizer (and, for callers that parse PDFs on their own thread, pdf.js: ~0.3 s together)
 * ahead of the first job, so the first document is not slower than the rest. The apps parse PDFs in
 * worker threads, which load their own pdf.js, so they pass `pdfInProcess: false`. Safe to call more than once.
 */
export async function warmUp({ pdfInProcess = true }: { pdfInProcess?: boolean } = {}): Promise<void> {
  if (pdfInProcess) await loadPdfParse();
  countGptTokens('warm up');
}
