/** What a caller hands to an extractor: a file on disk (preferred for large files) or bytes in memory. */
export interface ExtractInput {
  path?: string;
  buffer?: Buffer;
  /** Original file name; its extension picks the extractor unless the bytes say otherwise. */
  filename: string;
  mimeType?: string;
}

export type BlockKind = 'paragraph' | 'table' | 'row' | 'heading';

/** One piece of extracted text, in document order. */
export interface ExtractedBlock {
  text: string;
  /** 1-based page number (PDF only). */
  page?: number;
  /** Headings enclosing this block, outermost first, e.g. ["Guide", "Install"]. */
  headingPath?: string[];
  kind?: BlockKind;
}

export type BlockSource = AsyncIterable<ExtractedBlock>;

export interface Extractor {
  /** Lower-case extensions without the dot that this extractor accepts. */
  readonly extensions: readonly string[];
  extract(input: ExtractInput): BlockSource;
}

export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'html' | 'markdown' | 'csv' | 'text';

export interface ChildChunk {
  content: string;
  /** 1-based within the parent segment. */
  position: number;
  /** Length of `content` in characters (Unicode code points), as Dify's `word_count`. */
  wordCount: number;
  tokens: number;
  /** sha256 hex of `content`. */
  hash: string;
}

export interface Segment extends ChildChunk {
  /** Q&A documents only: the answer to the question held in `content`. */
  answer?: string;
  headingPath?: string[];
  page?: number;
  /** Present for hierarchical (parent-child) rules only. */
  children?: ChildChunk[];
}
