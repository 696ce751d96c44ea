/**
 * Tokens for PostgreSQL full-text search that need no server-side dictionary: words of letters and
 * digits are lower-cased (English stop words dropped); runs of CJK characters (Han, Hiragana,
 * Katakana, Hangul) become their single characters and overlapping bigrams, so a Chinese query
 * matches without word segmentation. The tsvector and tsquery are built as literals with explicit
 * positions, so the database's parser and locale never see the text.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const TOKEN_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}_]+/gu;
/** tsvector positions stop at 16383; later tokens share the last position. */
const MAX_POSITION = 16383;
/** Longest lexeme kept; longer runs are hashes, base64 and the like. */
const MAX_LEXEME = 64;

const STOP_WORDS = new Set(
  (
    'a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our she so ' +
    'that the their them then there these they this to was we were what when where which who will with you your do does did how why'
  ).split(' '),
);

export interface Token {
  lexeme: string;
  position: number;
}

/** Text without non-ASCII characters is already NFKC, and its letters, digits and `_` are the whole token alphabet. */
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_RUN = /[a-z0-9_]+/g;

/**
 * Calls `emit` for every token in order. The ASCII path gives the same tokens as the Unicode one
 * at a fraction of its cost, which matters because the split stage encodes every segment.
 */
function eachToken(text: string, emit: (lexeme: string, position: number) => void): void {
  let pos = 0;
  if (!NON_ASCII.test(text)) {
    const lower = text.toLowerCase();
    const re = new RegExp(ASCII_RUN);
    for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
      const run = m[0];
      pos++;
      if (run.length <= MAX_LEXEME && !STOP_WORDS.has(run)) emit(run, pos);
    }
    return;
  }
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(TOKEN_RUN)) {
    const run = match[0];
    if (CJK.test(run[0])) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        pos++;
        emit(chars[i], pos);
        if (i + 1 < chars.length) emit(chars[i] + chars[i + 1], pos);
      }
      continue;
    }
    pos++;
    if (run.length > MAX_LEXEME) continue;
    if (STOP_WORDS.has(run)) continue;
    emit(run, pos);
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  eachToken(text, (lexeme, position) => out.push({ lexeme, position }));
  return out;
}

/** A lexeme quoted for a tsvector or tsquery literal. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A `tsvector` literal (cast with `$1::tsvector`) holding every lexeme with its positions. */
export function toTsvectorLiteral(text: string): string {
  const positions = new Map<string, number[]>();
  eachToken(text, (lexeme, position) => {
    const list = positions.get(lexeme);
    const p = Math.min(position, MAX_POSITION);
    if (!list) positions.set(lexeme, [p]);
    else if (list.length < 256 && list[list.length - 1] !== p) list.push(p);
  });
  let out = '';
  for (const [lexeme, ps] of positions) out += `${out ? ' ' : ''}${quoteLexeme(lexeme)}:${ps.join(',')}`;
  return out;
}

/** Distinct query lexemes, in order; CJK bigrams preferred over their single characters when present. */
export function queryLexemes(query: string): string[] {
  const tokens = tokenize(query);
  const hasBigram = tokens.some((t) => t.lexeme.length > 1 && CJK.test(t.lexeme[0]));
  const seen = new Set<string>();
  for (const t of tokens) {
    if (hasBigram && CJK.test(t.lexeme[0]) && [...t.lexeme].length === 1) continue;
    seen.add(t.lexeme);
  }
  return [...seen];
}

/** A `tsquery` literal (cast with `$1::tsquery`) matching any query lexeme, or null when there is none. */
export function toTsqueryLiteral(query: string): string | null {
  const lexemes = queryLexemes(query);
  return lexemes.length ? lexemes.map(quoteLexeme).join(' | ') : null;
}

/** What full-text search indexes for a segment: a Q&A segment is found by its question or its answer. */
export function searchableText(s: { content: string; answer?: string | null }): string {
  return s.answer ? `${s.content}\n${s.answer}` : s.content;
}
