import { queryLexemes, tokenize } from '@sluice/knowledge';

/** Corpus statistics of one dataset's full-text index. */
export interface CorpusStats {
  /** segments (or child chunks) in the index */
  total: number;
  /** average number of tokens per indexed text */
  avgLength: number;
  /** how many indexed texts contain each query lexeme */
  docFreq: Map<string, number>;
}

const K1 = 1.2;
const B = 0.75;

/** BM25's inverse document frequency (the +1 form, never negative). */
export function idf(total: number, df: number): number {
  return Math.log(1 + (Math.max(total, df) - df + 0.5) / (df + 0.5));
}

/**
 * A BM25 score scaled to 0..1: each query term contributes its IDF weight times BM25's saturating
 * term frequency `tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))`, capped at 1 so one occurrence in a
 * text of average length counts as a full match; the sum is divided by the query's total IDF. So
 * 1.0 = every (weighted) query term present, 0.5 = half the query's information present — a
 * threshold means the same thing for every query, which raw BM25 or ts_rank cannot offer.
 */
export function keywordScore(text: string, lexemes: string[], stats: CorpusStats): number {
  if (!lexemes.length) return 0;
  const wanted = new Set(lexemes);
  const tf = new Map<string, number>();
  const distinct = new Set<string>();
  for (const t of tokenize(text)) {
    distinct.add(t.lexeme);
    if (wanted.has(t.lexeme)) tf.set(t.lexeme, (tf.get(t.lexeme) ?? 0) + 1);
  }
  // Distinct lexemes, the unit of PostgreSQL's length(tsvector) that avgLength is measured in.
  const len = distinct.size || 1;
  const avg = stats.avgLength > 0 ? stats.avgLength : len;
  const norm = K1 * (1 - B + (B * len) / avg);
  let got = 0;
  let max = 0;
  for (const lex of lexemes) {
    const w = idf(stats.total, stats.docFreq.get(lex) ?? 0);
    max += w;
    const f = tf.get(lex) ?? 0;
    if (f > 0) got += w * Math.min(1, (f * (K1 + 1)) / (f + norm));
  }
  return max > 0 ? Math.min(1, got / max) : 0;
}

export { queryLexemes };
