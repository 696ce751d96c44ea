import { createHash } from 'node:crypto';
import type { ProcessRule, Segmentation } from './process-rule';
import { TextSplitter, charLength } from './splitter';
import type { ChildChunk, Segment } from './types';

export type TokenCounter = (text: string) => number;

let gptCount: TokenCounter | undefined;
/**
 * cl100k_base is the tokenizer of OpenAI's embedding models (text-embedding-3-*, ada-002), so this is
 * the count the embed stage is billed by. gpt-tokenizer loads the vocabulary on first require
 * (~190 ms; o200k would be ~480 ms), so it is pulled in only when the first segment needs counting.
 * `countTokens` then runs at roughly 10 MB/s — cheap next to PDF parsing.
 */
export const countGptTokens: TokenCounter = (text) => {
  // The subpath is only reachable through package "exports", which TS's node10 resolution ignores.
  gptCount ??= (require('gpt-tokenizer/encoding/cl100k_base') as { countTokens: TokenCounter }).countTokens;
  return gptCount(text);
};

/** A run of text that is split on its own: one PDF page, one Markdown section, one CSV row, one table. */
export interface TextUnit {
  text: string;
  page?: number;
  headingPath?: string[];
  /** Recursive separators for this unit, e.g. line breaks first for a Markdown table. */
  separators?: readonly string[];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * What to embed for a segment: its heading breadcrumb as a first line, then the content. The stored
 * `content` stays exactly the user's text (what they see and edit in the segment list, and what
 * `word_count`/`hash` describe); the breadcrumb only helps the vector find "Install" under "Guide".
 */
export function segmentEmbeddingText(segment: Pick<Segment, 'content' | 'headingPath'>): string {
  const path = segment.headingPath?.filter(Boolean);
  if (!path?.length) return segment.content;
  return `${path.join(' > ')}\n${segment.content}`;
}

function splitterFor(s: Segmentation, automatic: boolean, separators?: readonly string[]): TextSplitter {
  return new TextSplitter({
    chunkSize: s.max_tokens,
    chunkOverlap: s.chunk_overlap,
    fixedSeparator: automatic ? undefined : s.separator,
    separators,
  });
}

/** Turns cleaned text units into numbered segments (and child chunks) under a process rule. */
export class SegmentBuilder {
  private position = 0;
  private fullDoc: string[] = [];
  private readonly automatic: boolean;
  private readonly fullDocMode: boolean;
  private readonly defaultSplitter: TextSplitter;

  constructor(
    private readonly rule: ProcessRule,
    private readonly countTokens: TokenCounter = countGptTokens,
  ) {
    this.automatic = rule.mode === 'automatic';
    this.fullDocMode = rule.mode === 'hierarchical' && rule.rules.parent_mode === 'full-doc';
    this.defaultSplitter = splitterFor(rule.rules.segmentation, this.automatic);
  }

  *add(unit: TextUnit): Generator<Segment> {
    if (this.fullDocMode) {
      if (unit.text.trim()) this.fullDoc.push(unit.text);
      return;
    }
    const splitter = unit.separators ? splitterFor(this.rule.rules.segmentation, this.automatic, unit.separators) : this.defaultSplitter;
    for (const content of splitter.split(unit.text)) {
      const segment = this.segment(content, ++this.position);
      if (unit.page !== undefined) segment.page = unit.page;
      if (unit.headingPath?.length) segment.headingPath = unit.headingPath;
      if (this.rule.mode === 'hierarchical') segment.children = this.children(content);
      yield segment;
    }
  }

  /** Emits what only the whole document can produce (the single parent of `full-doc` mode). */
  *finish(): Generator<Segment> {
    if (!this.fullDocMode) return;
    const content = this.fullDoc.join('\n\n').trim();
    this.fullDoc = [];
    if (!content) return;
    const segment = this.segment(content, ++this.position);
    segment.children = this.children(content);
    yield segment;
  }

  private children(parent: string): ChildChunk[] {
    const sub = this.rule.rules.subchunk_segmentation!;
    // Children always use the fixed-separator semantics of their own rule, as Dify's subchunk splitter does.
    return splitterFor(sub, false)
      .split(parent)
      .map((content, i) => this.segment(content, i + 1));
  }

  private segment(content: string, position: number): Segment {
    return { content, position, wordCount: charLength(content), tokens: this.countTokens(content), hash: sha256Hex(content) };
  }
}
