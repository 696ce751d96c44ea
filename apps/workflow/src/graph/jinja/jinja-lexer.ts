/** A lexed template: literal text, `{{ … }}` outputs and `{% … %}` tags as token lists. */
export type JinjaTok = { t: string; v: any; f?: boolean };
export type JinjaItem = { kind: 'text'; v: string } | { kind: 'out' | 'tag'; toks: JinjaTok[] };

/**
 * Splits a Jinja2 template into text, `{{ }}` and `{% %}` items (comments dropped, `-` whitespace
 * control and `{% raw %}` applied). Self-contained: its source is loaded into the template isolate.
 */
export function jinjaLex(src: string): JinjaItem[] {
  const fail = (msg: string): never => {
    throw new Error(`TemplateSyntaxError: ${msg}`);
  };
  type Tok = JinjaTok;
  const items: JinjaItem[] = [];
  // --- lexing: text, {{ }}, {% %}, {# #} with `-` whitespace control ---
  let pos = 0;
  let stripNext = false;
  const pushText = (s: string) => {
    if (stripNext) s = s.replace(/^\s+/, '');
    stripNext = false;
    if (s) items.push({ kind: 'text', v: s });
  };
  const stripPrev = () => {
    const last = items[items.length - 1];
    if (last && last.kind === 'text') {
      last.v = last.v.replace(/\s+$/, '');
      if (!last.v) items.pop();
    }
  };
  const lexTag = (close: '}}' | '%}'): Tok[] => {
    const toks: Tok[] = [];
    let depth = 0;
    for (;;) {
      while (pos < src.length && /\s/.test(src[pos])) pos++;
      if (pos >= src.length) fail(`unexpected end of template, expected '${close}'`);
      const rest = src.slice(pos, pos + 3);
      // `+%}` keeps the whitespace after a block as it is, which is already the default here.
      if (depth === 0 && (rest.startsWith(close) || rest === '-' + close || (close === '%}' && rest === '+%}'))) {
        if (rest[0] === '-') stripNext = true;
        pos += rest[0] === '-' || rest[0] === '+' ? 3 : 2;
        return toks;
      }
      const ch = src[pos];
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(pos, pos + 256));
      if (name) {
        toks.push({ t: 'name', v: name[0] });
        pos += name[0].length;
        continue;
      }
      const num = /^\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(src.slice(pos, pos + 64));
      if (num) {
        toks.push({ t: 'num', v: Number(num[0].replace(/_/g, '')), f: /[.eE]/.test(num[0]) });
        pos += num[0].length;
        continue;
      }
      if (ch === '"' || ch === "'") {
        let s = '';
        pos++;
        while (pos < src.length && src[pos] !== ch) {
          if (src[pos] === '\\' && pos + 1 < src.length) {
            const e = src[++pos];
            s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          } else s += src[pos];
          pos++;
        }
        if (pos >= src.length) fail('unterminated string');
        pos++;
        toks.push({ t: 'str', v: s });
        continue;
      }
      const op = ['**', '//', '==', '!=', '<=', '>='].find((o) => src.startsWith(o, pos)) ?? ('+-*/%~|.,:()[]{}=<>'.includes(ch) ? ch : null);
      if (!op) fail(`unexpected character '${ch}'`);
      if (op === '(' || op === '[' || op === '{') depth++;
      if (op === ')' || op === ']' || op === '}') depth--;
      toks.push({ t: 'op', v: op });
      pos += op!.length;
    }
  };
  while (pos < src.length) {
    const next = src.slice(pos).search(/\{[{%#]/);
    if (next < 0) {
      pushText(src.slice(pos));
      break;
    }
    pushText(src.slice(pos, pos + next));
    pos += next;
    const kind = src[pos + 1];
    pos += 2;
    if (src[pos] === '-') {
      stripPrev();
      pos++;
    } else if (src[pos] === '+' && kind === '%') pos++; // `{%+`: no lstrip_blocks to disable, so nothing to strip
    if (kind === '#') {
      const end = src.indexOf('#}', pos);
      if (end < 0) fail('unterminated comment');
      if (src[end - 1] === '-') stripNext = true;
      pos = end + 2;
      continue;
    }
    const toks = lexTag(kind === '{' ? '}}' : '%}');
    if (kind === '%' && toks[0]?.v === 'raw' && toks.length === 1) {
      const m = /\{%-?\s*endraw\s*-?%\}/.exec(src.slice(pos));
      if (!m) fail('missing endraw');
      pushText(src.slice(pos, pos + m!.index));
      pos += m!.index + m![0].length;
      continue;
    }
    items.push({ kind: kind === '{' ? 'out' : 'tag', toks });
  }
  // Jinja2's default: a single trailing newline is dropped.
  const last = items[items.length - 1];
  if (last && last.kind === 'text') last.v = last.v.replace(/\n$/, '');

  return items;
}
