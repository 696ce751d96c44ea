import { fail } from './errors';

export type TokenType = 'name' | 'string' | 'int' | 'float' | 'op';
export interface Token {
  type: TokenType;
  /** The name, operator, string value, or the number's source text. */
  value: string;
}
/** A lexed template: text, `{{ … }}` outputs and `{% … %}` tags (with their tokens). */
export type Item = { kind: 'text'; text: string } | { kind: 'output' | 'tag'; tokens: Token[] };

const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '~', '[', ']', '(', ')', '{', '}', '>', '<', '=', '.', ':', '|', ',', ';'];
const NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INT = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|(?:\d+_)*\d+/y;
const STRING = /'([^'\\]*(?:\\[^][^'\\]*)*)'|"([^"\\]*(?:\\[^][^"\\]*)*)"/y;
/** Line breaks Jinja2 normalizes to \n in the template source (not in variables). */
const NEWLINES = /\r\n|\r|\n/g;
const SIMPLE_ESCAPES: Record<string, string> = { '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A string literal's escapes, as Python's unicode-escape decodes them; unknown ones stay as written. */
function unescape(body: string): string {
  return body.replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|[0-7]{1,3}|[^])/g, (m, e: string) => {
    const simple = Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, e) ? SIMPLE_ESCAPES[e] : undefined;
    if (simple !== undefined) return simple;
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCodePoint(parseInt(e, 8));
    return m;
  });
}

/**
 * Splits a template the way Jinja2's default Environment does: newlines normalized and one
 * trailing newline dropped, comments removed, `-` whitespace control and `{% raw %}` applied.
 * No trim_blocks or lstrip_blocks (Dify renders with the defaults), so `+` markers change nothing.
 */
export function lex(source: string): Item[] {
  const src = source.replace(/(?:\r\n|\r|\n)$/, '').replace(NEWLINES, '\n');
  const items: Item[] = [];
  let pos = 0;
  let stripNext = false;
  const text = (s: string) => {
    if (stripNext) s = s.replace(/^\s+/, '');
    stripNext = false;
    if (s) items.push({ kind: 'text', text: s });
  };
  const stripPrevious = () => {
    const last = items[items.length - 1];
    if (last?.kind !== 'text') return;
    last.text = last.text.replace(/\s+$/, '');
    if (!last.text) items.pop();
  };

  const tokens = (close: '}}' | '%}'): Token[] => {
    const out: Token[] = [];
    const depth: string[] = [];
    for (;;) {
      while (pos < src.length && /\s/.test(src[pos])) pos++;
      if (pos >= src.length)
        fail('TemplateSyntaxError', `unexpected end of template, expected '${close === '}}' ? 'end of print statement' : 'end of statement block'}'`);
      if (!depth.length) {
        for (const marker of ['-', '+', '']) {
          if (src.startsWith(marker + close, pos)) {
            if (marker === '-') stripNext = true;
            pos += marker.length + 2;
            return out;
          }
        }
      }
      const match = (re: RegExp) => {
        re.lastIndex = pos;
        const m = re.exec(src);
        if (m) pos = re.lastIndex;
        return m;
      };
      let m: RegExpExecArray | null;
      if ((m = match(NAME))) out.push({ type: 'name', value: m[0] });
      else if ((m = match(FLOAT))) out.push({ type: 'float', value: m[0] });
      else if ((m = match(INT))) out.push({ type: 'int', value: m[0] });
      else if ((m = match(STRING))) out.push({ type: 'string', value: unescape(m[1] ?? m[2]) });
      else {
        const op = OPERATORS.find((o) => src.startsWith(o, pos));
        if (!op) fail('TemplateSyntaxError', `unexpected char ${JSON.stringify(src[pos])} at ${pos}`);
        if (op === '(' || op === '[' || op === '{') depth.push(op === '(' ? ')' : op === '[' ? ']' : '}');
        else if (op === ')' || op === ']' || op === '}') {
          const want = depth.pop();
          if (want !== op) fail('TemplateSyntaxError', want ? `unexpected '${op}', expected '${want}'` : `unexpected '${op}'`);
        }
        out.push({ type: 'op', value: op! });
        pos += op!.length;
      }
    }
  };

  while (pos < src.length) {
    const next = src.slice(pos).search(/\{[{%#]/);
    if (next < 0) {
      text(src.slice(pos));
      break;
    }
    text(src.slice(pos, pos + next));
    pos += next;
    const kind = src[pos + 1];
    pos += 2;
    if (src[pos] === '-') {
      stripPrevious();
      pos++;
    } else if (src[pos] === '+' && kind === '%') pos++;
    if (kind === '#') {
      const end = src.indexOf('#}', pos);
      if (end < 0) fail('TemplateSyntaxError', 'missing end of comment tag');
      if (src[end - 1] === '-') stripNext = true;
      pos = end + 2;
      continue;
    }
    const toks = tokens(kind === '{' ? '}}' : '%}');
    if (kind === '%' && toks.length === 1 && toks[0].value === 'raw') {
      const end = /\{%(-?)\s*endraw\s*([-+]?)%\}/g;
      end.lastIndex = pos;
      const m = end.exec(src);
      if (!m) fail('TemplateSyntaxError', 'Missing end of raw directive');
      let body = src.slice(pos, m!.index);
      if (stripNext) body = body.replace(/^\s+/, '');
      if (m![1]) body = body.replace(/\s+$/, '');
      stripNext = false;
      if (body) items.push({ kind: 'text', text: body });
      stripNext = m![2] === '-';
      pos = m!.index + m![0].length;
      continue;
    }
    items.push({ kind: kind === '{' ? 'output' : 'tag', tokens: toks });
  }
  return items;
}
