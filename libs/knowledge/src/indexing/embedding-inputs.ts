import { segmentEmbeddingText } from '@sluice/rag';

interface SegmentText {
  content: string;
  headingPath?: string[];
  children?: { content: string }[];
}

/**
 * The texts the index embeds for one segment: its child chunks' for hierarchical documents, else the
 * segment with its heading path. The ingest worker prefetches exactly these while parsing, so both
 * sides use this one function (a drift would only cost cache misses, never wrong vectors).
 */
export function embeddingInputs(docForm: string, s: SegmentText): string[] {
  if (docForm === 'hierarchical_model') return (s.children ?? []).map((c) => c.content);
  return [segmentEmbeddingText(s)];
}
