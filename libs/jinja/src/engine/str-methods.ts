import { fail } from './errors';
import { percentFormat, strFormat } from './format';
import { iterate, pyStr } from './py';
import { type Kwargs, Markup, PyFunction, PyObject, Tuple, Undefined, type Value, chars, fromUtf8, isInt, isStr, num, strOf, typeName, utf8 } from './values';

/** Python's str.isspace() characters (JavaScript's \s differs: it has \ufeff, lacks \x1c-\x1f and \x85). */
export const WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function pyStrip(s: string, chars?: Value, left = true, right = true): string {
  if (chars === undefined || chars === null || chars instanceof Undefined) {
    return s.replace(new RegExp(`${left ? `^[${WS}]+` : '(?!)'}|${right ? `[${WS}]+$` : '(?!)'}`, 'g'), '');
  }
  const set = new Set(Array.from(strArg(chars, 'strip')));
  const cs = Array.from(s);
  let a = 0;
  let b = cs.length;
  while (left && a < b && set.has(cs[a])) a++;
  while (right && b > a && set.has(cs[b - 1])) b--;
  return cs.slice(a, b).join('');
}

/** str.split / str.rsplit. */
export function pySplit(s: string, sep: Value, maxsplit: number, fromRight = false): string[] {
  if (sep === null || sep === undefined) {
    const words = [...s.matchAll(new RegExp(`[^${WS}]+`, 'g'))];
    if (maxsplit < 0 || words.length <= maxsplit) return words.map((m) => m[0]);
    // The unsplit rest keeps its whitespace, except where it was split off.
    if (!fromRight) return [...words.slice(0, maxsplit).map((m) => m[0]), s.slice(words[maxsplit].index)];
    const last = words[words.length - maxsplit - 1];
    return [s.slice(0, last.index! + last[0].length), ...words.slice(words.length - maxsplit).map((m) => m[0])];
  }
  const d = strArg(sep, 'split');
  if (!d) fail('ValueError', 'empty separator');
  const all = s.split(d);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return fromRight
    ? [all.slice(0, all.length - maxsplit).join(d), ...all.slice(all.length - maxsplit)]
    : [...all.slice(0, maxsplit), all.slice(maxsplit).join(d)];
}

export function pyReplace(s: string, old: string, neu: string, count = -1): string {
  if (count < 0) {
    if (old === '') return neu + chars(s).join(neu) + (s ? neu : '');
    return s.split(old).join(neu);
  }
  let out = '';
  let rest = s;
  for (let i = 0; i < count; i++) {
    if (old === '') {
      const [first, ...others] = chars(rest);
      out += neu + (first ?? '');
      rest = others.join('');
      if (first === undefined) break;
      continue;
    }
    const at = rest.indexOf(old);
    if (at < 0) break;
    out += rest.slice(0, at) + neu;
    rest = rest.slice(at + old.length);
  }
  return out + rest;
}

/** str.title(): a letter after a cased letter is lowered, any other letter raised. */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (prevCased ? ch.toLowerCase() : titleCase(ch)) : ch;
    prevCased = cased;
  }
  return out;
}

/** Title case differs from upper case only for these digraphs. */
const TITLE_CASE: Record<string, string> = { Ǆ: 'ǅ', ǅ: 'ǅ', ǆ: 'ǅ', Ǉ: 'ǈ', ǈ: 'ǈ', ǉ: 'ǈ', Ǌ: 'ǋ', ǋ: 'ǋ', ǌ: 'ǋ', Ǳ: 'ǲ', ǲ: 'ǲ', ǳ: 'ǲ' };
export const titleCase = (ch: string) => TITLE_CASE[ch] ?? ch.toUpperCase();

export const pyCapitalize = (s: string) => {
  const [first, ...rest] = chars(s);
  return first === undefined ? '' : titleCase(first) + rest.join('').toLowerCase();
};

/** str.center: Python puts the odd space on the left when the width is odd. */
export function pyCenter(s: string, width: number, fill = ' '): string {
  const n = chars(s).length;
  if (width <= n) return s;
  const gap = width - n;
  const left = Math.floor(gap / 2) + (gap & width & 1);
  return fill.repeat(left) + s + fill.repeat(gap - left);
}

export function splitLines(s: string, keepEnds = false): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest) {
    const m = LINE_BREAK.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, keepEnds ? m.index + m[0].length : m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

function strArg(v: Value, method: string): string {
  return isStr(v) ? strOf(v) : fail('TypeError', `${method}() argument must be str, not ${typeName(v)}`);
}

function intArg(v: Value | undefined, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (isInt(v) || typeof v === 'boolean') return Number(num(v));
  return fail('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Code-point offsets start/end as Python slices them, turned into a substring and its offset. */
function window(s: string, start?: Value, end?: Value): { text: string; offset: number } {
  const cs = chars(s);
  const norm = (v: Value | undefined, d: number) => {
    const x = v === undefined || v === null ? d : intArg(v, d);
    return x < 0 ? Math.max(0, cs.length + x) : Math.min(x, cs.length);
  };
  const a = norm(start, 0);
  const b = norm(end, cs.length);
  return { text: cs.slice(a, Math.max(a, b)).join(''), offset: a };
}

const cpIndex = (s: string, jsIndex: number) => (jsIndex < 0 ? -1 : chars(s.slice(0, jsIndex)).length);

function find(s: string, sub: Value, start: Value | undefined, end: Value | undefined, last: boolean): number {
  const { text, offset } = window(s, start, end);
  const needle = strArg(sub, 'find');
  const at = last ? text.lastIndexOf(needle) : text.indexOf(needle);
  return at < 0 ? -1 : offset + cpIndex(text, at);
}

type Method = (s: string, a: Value[], kw: Kwargs) => Value;

const affix = (s: string, a: Value[], ends: boolean): boolean => {
  const { text } = window(s, a[1], a[2]);
  const options = a[0] instanceof Tuple ? a[0].items : [a[0]];
  return options.some((o) => (ends ? text.endsWith(strArg(o, ends ? 'endswith' : 'startswith')) : text.startsWith(strArg(o, 'startswith'))));
};
const pad = (s: string, a: Value[], side: 'l' | 'r'): string => {
  const width = intArg(a[0], 0);
  const fill = a[1] === undefined ? ' ' : strArg(a[1], side === 'l' ? 'ljust' : 'rjust');
  const gap = width - chars(s).length;
  return gap <= 0 ? s : side === 'l' ? s + fill.repeat(gap) : fill.repeat(gap) + s;
};
const is = (re: RegExp) => (s: string) => s.length > 0 && re.test(s);

const STR_METHODS: Record<string, Method> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  title: (s) => pyTitle(s),
  capitalize: (s) => pyCapitalize(s),
  swapcase: (s) => Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s, a) => pyStrip(s, a[0]),
  lstrip: (s, a) => pyStrip(s, a[0], true, false),
  rstrip: (s, a) => pyStrip(s, a[0], false, true),
  split: (s, a, kw) => pySplit(s, a[0] ?? kw.get('sep') ?? null, intArg(a[1] ?? kw.get('maxsplit'), -1)),
  rsplit: (s, a, kw) => pySplit(s, a[0] ?? kw.get('sep') ?? null, intArg(a[1] ?? kw.get('maxsplit'), -1), true),
  splitlines: (s, a, kw) => splitLines(s, !!(a[0] ?? kw.get('keepends'))),
  replace: (s, a) => pyReplace(s, strArg(a[0], 'replace'), strArg(a[1], 'replace'), intArg(a[2], -1)),
  startswith: (s, a) => affix(s, a, false),
  endswith: (s, a) => affix(s, a, true),
  find: (s, a) => find(s, a[0], a[1], a[2], false),
  rfind: (s, a) => find(s, a[0], a[1], a[2], true),
  index: (s, a) => {
    const i = find(s, a[0], a[1], a[2], false);
    return i < 0 ? fail('ValueError', 'substring not found') : i;
  },
  rindex: (s, a) => {
    const i = find(s, a[0], a[1], a[2], true);
    return i < 0 ? fail('ValueError', 'substring not found') : i;
  },
  count: (s, a) => {
    const { text } = window(s, a[1], a[2]);
    const sub = strArg(a[0], 'count');
    return sub ? text.split(sub).length - 1 : chars(text).length + 1;
  },
  join: (s, a) =>
    iterate(a[0] ?? fail('TypeError', 'join() takes exactly one argument (0 given)'))
      .map((x, i) => (isStr(x) ? strOf(x) : fail('TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`)))
      .join(s),
  format: (s, a, kw) => strFormat(s, a, kw),
  format_map: (s, a) =>
    strFormat(s, [], a[0] instanceof Map ? new Map([...a[0]].map(([k, v]) => [String(k), v])) : fail('TypeError', 'format_map() argument must be a mapping')),
  center: (s, a) => pyCenter(s, intArg(a[0], 0), a[1] === undefined ? ' ' : strArg(a[1], 'center')),
  ljust: (s, a) => pad(s, a, 'l'),
  rjust: (s, a) => pad(s, a, 'r'),
  zfill: (s, a) => {
    const width = intArg(a[0], 0);
    const sign = /^[-+]/.test(s) ? s[0] : '';
    const body = sign ? s.slice(1) : s;
    return sign + body.padStart(Math.max(0, width - sign.length), '0');
  },
  partition: (s, a) => {
    const sep = strArg(a[0], 'partition');
    const at = s.indexOf(sep);
    return new Tuple(at < 0 ? [s, '', ''] : [s.slice(0, at), sep, s.slice(at + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = strArg(a[0], 'rpartition');
    const at = s.lastIndexOf(sep);
    return new Tuple(at < 0 ? ['', '', s] : [s.slice(0, at), sep, s.slice(at + sep.length)]);
  },
  removeprefix: (s, a) => (s.startsWith(strArg(a[0], 'removeprefix')) ? s.slice(strArg(a[0], 'removeprefix').length) : s),
  removesuffix: (s, a) => {
    const suffix = strArg(a[0], 'removesuffix');
    return suffix && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
  },
  expandtabs: (s, a) => {
    const size = intArg(a[0], 8);
    return splitLines(s, true)
      .map((line) => line.split('\t').reduce((acc, part, i) => (i === 0 ? part : acc + ' '.repeat(size ? size - (chars(acc).length % size) : 0) + part), ''))
      .join('');
  },
  isdigit: is(/^\p{Nd}+$/u),
  isdecimal: is(/^\p{Nd}+$/u),
  isnumeric: is(/^\p{N}+$/u),
  isalpha: is(/^\p{L}+$/u),
  isalnum: is(/^[\p{L}\p{N}]+$/u),
  isascii: (s) => /^[\x00-\x7f]*$/.test(s),
  isspace: is(new RegExp(`^[${WS}]+$`)),
  islower: (s) => /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && !/[\p{Ll}\p{Lt}]/u.test(s),
  istitle: (s) => /\p{L}/u.test(s) && pyTitle(s) === s,
  isidentifier: is(/^[\p{L}_][\p{L}\p{N}_]*$/u),
  encode: (s) => new Bytes(utf8(s)),
};

/** What str.encode() gives: printable as b'…', decodable back. */
class Bytes extends PyObject {
  readonly typeName = 'bytes';
  constructor(readonly data: number[]) {
    super();
  }
  override getattr(name: string): Value | undefined {
    return name === 'decode' ? new PyFunction('decode', () => fromUtf8(this.data), 'bytes') : undefined;
  }
  override iterate(): Value[] {
    return [...this.data];
  }
  override repr(): string {
    const body = [...this.data].map((b) =>
      b === 0x5c
        ? '\\\\'
        : b === 0x27
          ? "\\'"
          : b === 0x0a
            ? '\\n'
            : b === 0x0d
              ? '\\r'
              : b === 0x09
                ? '\\t'
                : b >= 0x20 && b < 0x7f
                  ? String.fromCharCode(b)
                  : `\\x${b.toString(16).padStart(2, '0')}`,
    );
    return `b'${body.join('')}'`;
  }
}

/** `'text'.name`: the bound str method, or undefined. A Markup's methods act on its text. */
export function strMethod(v: string | Markup, name: string): PyFunction | undefined {
  const method = Object.prototype.hasOwnProperty.call(STR_METHODS, name) ? STR_METHODS[name] : undefined;
  if (!method) return undefined;
  return new PyFunction(name, (args, kwargs) => method(strOf(v), args, kwargs), v instanceof Markup ? 'Markup' : 'str');
}

/** `'%s' % x`, shared by the operator and the |format filter. */
export const formatPercent = (fmt: Value, arg: Value): string => percentFormat(pyStr(fmt), arg);
