import { CHUNK_SIZE_UNIT, RECURSIVE_SEPARATORS } from './process-rule';

export { CHUNK_SIZE_UNIT };

/** Length in Unicode code points — what Python's `len` (and so Dify's `max_tokens`) measures. */
export function charLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export interface SplitterOptions {
  /** Maximum chunk length in characters (`CHUNK_SIZE_UNIT`); no returned chunk is longer. */
  chunkSize: number;
  /** Characters of trailing context repeated at the start of the next chunk (best effort, whole pieces). */
  chunkOverlap?: number;
  /**
   * Dify's custom "separator": the text is cut at every occurrence and each piece becomes its own
   * chunk (pieces are NOT merged), unless a piece is too long, which is then split recursively.
   * Empty/undefined = automatic mode: split recursively and merge small pieces up to `chunkSize`.
   */
  fixedSeparator?: string;
  /** Recursive fallbacks, coarsest first; a final "" (hard cut) is always implied. */
  separators?: readonly string[];
}

/**
 * Dify's FixedRecursiveCharacterTextSplitter semantics, written from its behaviour: recursive split of
 * over-long pieces, merge up to the size with overlap, trim, drop empty chunks and strip a leading
 * "." / "。". One deliberate difference: a separator stays attached to the end of the piece before it
 * (sentences keep their full stop, text is never lost), where Dify moves it to the next chunk's start.
 */
export class TextSplitter {
  private readonly size: number;
  private readonly overlap: number;
  private readonly separators: readonly string[];

  constructor(private readonly options: SplitterOptions) {
    this.size = Math.max(1, Math.floor(options.chunkSize));
    this.overlap = Math.min(Math.max(0, Math.floor(options.chunkOverlap ?? 0)), this.size - 1);
    const seps = options.separators ?? RECURSIVE_SEPARATORS;
    this.separators = seps[seps.length - 1] === '' ? seps : [...seps, ''];
  }

  split(text: string): string[] {
    const fixed = this.options.fixedSeparator;
    const raw: string[] = [];
    if (fixed) {
      for (const piece of text.split(fixed)) {
        if (charLength(piece) > this.size) raw.push(...this.recursive(piece, this.separators));
        else raw.push(piece);
      }
    } else {
      raw.push(...this.recursive(text, this.separators));
    }
    const out: string[] = [];
    for (const chunk of raw) {
      let c = chunk.trim();
      if (c.startsWith('.') || c.startsWith('。')) c = c.slice(1).trim();
      if (c) out.push(c);
    }
    return out;
  }

  private recursive(text: string, separators: readonly string[]): string[] {
    if (charLength(text) <= this.size) return [text];
    const idx = separators.findIndex((s) => s === '' || text.includes(s));
    const sep = separators[idx];
    if (sep === '') return this.hardCut(text);
    const rest = separators.slice(idx + 1);
    const parts = text.split(sep);
    const out: string[] = [];
    let good: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const piece = i < parts.length - 1 ? parts[i] + sep : parts[i];
      if (!piece) continue;
      if (charLength(piece) <= this.size) {
        good.push(piece);
        continue;
      }
      if (good.length) out.push(...this.merge(good));
      good = [];
      out.push(...this.recursive(piece, rest));
    }
    if (good.length) out.push(...this.merge(good));
    return out;
  }

  /** LangChain's `_merge_splits`: greedily fill a chunk, then keep the tail (≤ overlap) for the next one. */
  private merge(pieces: string[]): string[] {
    const lengths = pieces.map(charLength);
    const out: string[] = [];
    let start = 0;
    let total = 0;
    for (let i = 0; i < pieces.length; i++) {
      const len = lengths[i];
      if (total + len > this.size && i > start) {
        out.push(pieces.slice(start, i).join(''));
        while (start < i && (total > this.overlap || total + len > this.size)) {
          total -= lengths[start];
          start++;
        }
      }
      total += len;
    }
    if (start < pieces.length) out.push(pieces.slice(start).join(''));
    return out;
  }

  /** Last resort for text with no separators at all (e.g. base64, long CJK runs without punctuation). */
  private hardCut(text: string): string[] {
    const chars = Array.from(text);
    const step = this.size - this.overlap;
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += step) {
      out.push(chars.slice(i, i + this.size).join(''));
      if (i + this.size >= chars.length) break;
    }
    return out;
  }
}
