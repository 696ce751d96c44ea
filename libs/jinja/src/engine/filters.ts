import { getitem, pyGetattr, sortValues } from './access';
import { fail } from './errors';
import { percentFormat, toJson } from './format';
import { roundFloat, roundInt } from './numbers';
import { eq, escape, escapeHtml, isIterable, iterate, length, lessThan, pyStr, repr, truthy } from './py';
import { pyCapitalize, pyCenter, pyReplace, pyStrip, splitLines } from './str-methods';
import { TESTS, registerFilterNames } from './tests';
import { filesize, striptags, truncate, urlQuote, urlize, wrapLine } from './text-filters';
import {
  type Kwargs,
  Markup,
  PyFloat,
  Tuple,
  Undefined,
  type Value,
  chars,
  dictKey,
  float,
  int,
  isFloat,
  isInt,
  isNumeric,
  isStr,
  num,
  own,
  strOf,
  typeName,
} from './values';

export type Filter = (value: Value, args: Value[], kwargs: Kwargs, autoescape: boolean) => Value;

/** Python-style argument binding: `name` is required, `[name, default]` optional. */
function bind(fn: string, params: readonly (string | readonly [string, Value])[], args: Value[], kwargs: Kwargs): Value[] {
  if (args.length > params.length) fail('TypeError', `do_${fn}() takes ${params.length + 1} positional arguments but ${args.length + 1} were given`);
  const out: Value[] = [...args];
  params.forEach((p, i) => {
    const name = typeof p === 'string' ? p : p[0];
    if (kwargs.has(name)) {
      if (i < args.length) fail('TypeError', `do_${fn}() got multiple values for argument '${name}'`);
      out[i] = kwargs.get(name)!;
    } else if (i >= args.length) out[i] = typeof p === 'string' ? fail('TypeError', `do_${fn}() missing 1 required positional argument: '${name}'`) : p[1];
  });
  for (const k of kwargs.keys())
    if (!params.some((p) => (typeof p === 'string' ? p : p[0]) === k)) fail('TypeError', `do_${fn}() got an unexpected keyword argument '${k}'`);
  return out;
}

const text = (v: Value): string => pyStr(v);
const intOf = (v: Value, what: string): number =>
  isInt(v) || typeof v === 'boolean' || v instanceof PyFloat
    ? Math.trunc(num(v))
    : typeof v === 'number'
      ? Math.trunc(v)
      : fail('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer (${what})`);
const lowerIfStr = (v: Value): Value => (isStr(v) ? strOf(v).toLowerCase() : v);
const strLike = (v: Value, s: string): Value => (v instanceof Markup ? new Markup(s) : s);

/** Jinja2's attribute getter: `a.b.0` walks items and attributes; missing parts are Undefined. */
function attrGetter(attribute: Value, post?: (v: Value) => Value, dflt?: Value): (v: Value) => Value {
  const parts =
    attribute === null || attribute instanceof Undefined
      ? []
      : isInt(attribute)
        ? [attribute]
        : text(attribute)
            .split('.')
            .map((p): Value => (/^\d+$/.test(p) ? Number(p) : p));
  return (item) => {
    for (const p of parts) {
      item = getitem(item, p);
      if (dflt !== undefined && item instanceof Undefined) item = dflt;
    }
    return post ? post(item) : item;
  };
}
/** sort/unique/min/max: several comma-separated attributes give a list key (compared in order). */
function multiGetter(attribute: Value, caseSensitive: boolean): (v: Value) => Value {
  const post = caseSensitive ? undefined : lowerIfStr;
  const attrs = isStr(attribute) ? strOf(attribute).split(',') : [attribute];
  const getters = attrs.map((a) => attrGetter(a, post));
  return (v) => getters.map((g) => g(v));
}

function toInt(v: Value, dflt: Value, base: number): Value {
  if (v instanceof Undefined) v.raise();
  if (isStr(v)) {
    const s = pyStrip(strOf(v)).replace(/(?<=\d)_(?=\d)/g, '');
    const prefixed = /^[-+]?0([xob])/i.exec(s);
    const prefixBase = prefixed ? ({ x: 16, o: 8, b: 2 } as const)[prefixed[1].toLowerCase() as 'x' | 'o' | 'b'] : undefined;
    const effective = base === 0 ? (prefixBase ?? 10) : base;
    const body = prefixBase !== undefined && effective === prefixBase ? s.replace(/0[xob]/i, '') : s;
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, effective);
    if (effective >= 2 && effective <= 36 && new RegExp(`^[-+]?[${digits}]+$`, 'i').test(body) && (base !== 0 || !/^[-+]?0\d/.test(body))) {
      const neg = body.startsWith('-');
      let n = 0n;
      for (const c of body.replace(/^[-+]/, '').toLowerCase()) n = n * BigInt(effective) + BigInt(digits.indexOf(c));
      return int(neg ? -n : n);
    }
    const f = toFloatValue(v, null);
    return f === null ? dflt : int(BigInt(Math.trunc(num(f as number | PyFloat))));
  }
  if (isNumeric(v)) return typeof v === 'bigint' ? v : Number.isFinite(num(v)) ? Math.trunc(num(v)) : dflt;
  return dflt;
}

function toFloatValue(v: Value, dflt: Value): Value {
  if (v instanceof Undefined) v.raise();
  if (isNumeric(v)) return float(num(v));
  if (isStr(v)) {
    const s = pyStrip(strOf(v))
      .replace(/(?<=\d)_(?=\d)/g, '')
      .toLowerCase();
    if (/^[-+]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    if (/^[-+]?nan$/.test(s)) return NaN;
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(s)) return float(Number(s));
  }
  return dflt;
}

function sum(items: Value[], start: Value): Value {
  let total: Value = start;
  for (const x of items) total = add(total, x);
  return total;
}
function add(a: Value, b: Value): Value {
  if (a instanceof Undefined) a.raise();
  if (b instanceof Undefined) b.raise();
  if (!isNumeric(a) || !isNumeric(b)) fail('TypeError', `unsupported operand type(s) for +: '${typeName(a)}' and '${typeName(b)}'`);
  if (isFloat(a) || isFloat(b)) return float(num(a) + num(b));
  const r = num(a) + num(b);
  return Number.isSafeInteger(r) ? r : int(BigInt(typeof a === 'boolean' ? Number(a) : a) + BigInt(typeof b === 'boolean' ? Number(b) : b));
}

function minMax(v: Value, caseSensitive: Value, attribute: Value, max: boolean): Value {
  const items = iterate(v);
  if (!items.length) return new Undefined(undefined, undefined, `No aggregated item, sequence was empty.`);
  const key =
    attribute === null ? (x: Value) => (truthy(caseSensitive) ? x : lowerIfStr(x)) : attrGetter(attribute, truthy(caseSensitive) ? undefined : lowerIfStr);
  let best = items[0];
  let bestKey = key(best);
  for (const x of items.slice(1)) {
    const k = key(x);
    if (max ? lessThan(bestKey, k) : lessThan(k, bestKey)) [best, bestKey] = [x, k];
  }
  return best;
}

const select =
  (kind: 'select' | 'reject' | 'selectattr' | 'rejectattr'): Filter =>
  (v, args) => {
    const byAttr = kind.endsWith('attr');
    if (byAttr && !args.length) fail('TypeError', 'Missing parameter for attribute name');
    const key = byAttr ? attrGetter(args[0]) : (x: Value) => x;
    const rest = byAttr ? args.slice(1) : args;
    let test: (x: Value) => boolean = truthy;
    if (rest.length) {
      const name = text(rest[0]);
      const fn = own(TESTS, name) ?? fail('TemplateRuntimeError', `No test named '${name}'.`);
      test = (x) => fn(x, rest.slice(1));
    }
    const keep = kind.startsWith('select');
    return iterate(v).filter((x) => test(key(x)) === keep);
  };

export const FILTERS: Record<string, Filter> = {
  abs: (v) => {
    if (typeof v === 'bigint') return v < 0n ? -v : v;
    if (!isNumeric(v)) return fail('TypeError', `bad operand type for abs(): '${typeName(v)}'`);
    return isFloat(v) ? float(Math.abs(num(v))) : Math.abs(num(v));
  },
  attr: (v, a, kw) => {
    const [name] = bind('attr', ['name'], a, kw);
    const found = isStr(name) ? pyGetattr(v, strOf(name)) : undefined;
    return found !== undefined ? found : new Undefined(isStr(name) ? strOf(name) : text(name), { value: v });
  },
  batch: (v, a, kw) => {
    const [count, fill] = bind('batch', ['linecount', ['fill_with', null]], a, kw);
    const n = intOf(count, 'linecount');
    const out: Value[][] = [];
    let tmp: Value[] = [];
    for (const x of iterate(v)) {
      if (tmp.length === n) {
        out.push(tmp);
        tmp = [];
      }
      tmp.push(x);
    }
    if (tmp.length) {
      if (fill !== null) while (tmp.length < n) tmp.push(fill);
      out.push(tmp);
    }
    return out;
  },
  capitalize: (v) => pyCapitalize(text(v)),
  center: (v, a, kw) => pyCenter(text(v), intOf(bind('center', [['width', 80]], a, kw)[0], 'width')),
  default: (v, a, kw) => {
    const [dflt, boolean] = bind(
      'default',
      [
        ['default_value', ''],
        ['boolean', false],
      ],
      a,
      kw,
    );
    return v instanceof Undefined || (truthy(boolean) && !truthy(v)) ? dflt : v;
  },
  dictsort: (v, a, kw) => {
    const [cs, by, reverse] = bind(
      'dictsort',
      [
        ['case_sensitive', false],
        ['by', 'key'],
        ['reverse', false],
      ],
      a,
      kw,
    );
    if (!(v instanceof Map)) return fail('TypeError', `'${typeName(v)}' object has no attribute 'items'`);
    const pos = text(by) === 'key' ? 0 : text(by) === 'value' ? 1 : fail('ValueError', "You can only sort by either 'key' or 'value'");
    const pairs = [...v].map(([k, x]) => new Tuple([k, x]));
    return sortValues(pairs, (p) => (truthy(cs) ? p.items[pos] : lowerIfStr(p.items[pos])), truthy(reverse));
  },
  escape: (v) => escape(v),
  filesizeformat: (v, a, kw) => filesize(num(toFloatValue(v, 0) as number | PyFloat), truthy(bind('filesizeformat', [['binary', false]], a, kw)[0])),
  first: (v) => {
    const items = iterate(v);
    return items.length ? items[0] : new Undefined(undefined, undefined, 'No first item, sequence was empty.');
  },
  float: (v, a, kw) => toFloatValue(v, bind('float', [['default', new PyFloat(0)]], a, kw)[0]),
  forceescape: (v) => new Markup(escapeHtml(text(v))),
  format: (v, a, kw) => {
    if (a.length && kw.size) fail('TemplateRuntimeError', "can't handle positional and keyword arguments at the same time");
    const arg: Value = kw.size ? new Map<string, Value>(kw) : new Tuple(a);
    return strLike(v, percentFormat(text(v), arg));
  },
  groupby: (v, a, kw) => {
    const [attribute, dflt, cs] = bind('groupby', ['attribute', ['default', null], ['case_sensitive', false]], a, kw);
    const key = attrGetter(attribute, truthy(cs) ? undefined : lowerIfStr, dflt === null ? undefined : dflt);
    const shown = attrGetter(attribute, undefined, dflt === null ? undefined : dflt);
    const groups: { key: Value; items: Value[] }[] = [];
    for (const x of sortValues(iterate(v), key)) {
      const last = groups[groups.length - 1];
      if (last && eq(last.key, key(x))) last.items.push(x);
      else groups.push({ key: key(x), items: [x] });
    }
    return groups.map((g) => new Tuple([shown(g.items[0]), g.items], ['grouper', 'list']));
  },
  indent: (v, a, kw) => {
    const [width, first, blank] = bind(
      'indent',
      [
        ['width', 4],
        ['first', false],
        ['blank', false],
      ],
      a,
      kw,
    );
    const pad = isStr(width) ? strOf(width) : ' '.repeat(Math.max(0, intOf(width, 'width')));
    const lines = splitLines(text(v) + '\n');
    let rv: string;
    if (truthy(blank)) rv = lines.join('\n' + pad);
    else {
      rv = lines.shift() ?? '';
      if (lines.length) rv += '\n' + lines.map((l) => (l ? pad + l : l)).join('\n');
    }
    return strLike(v, truthy(first) ? pad + rv : rv);
  },
  int: (v, a, kw) => {
    const [dflt, base] = bind(
      'int',
      [
        ['default', 0],
        ['base', 10],
      ],
      a,
      kw,
    );
    return toInt(v, dflt, intOf(base, 'base'));
  },
  items: (v) => {
    if (v instanceof Undefined) return [];
    if (!(v instanceof Map)) return fail('TypeError', 'Can only get item pairs from a mapping.');
    return [...v].map(([k, x]) => new Tuple([k, x]));
  },
  join: (v, a, kw) => {
    const [d, attribute] = bind(
      'join',
      [
        ['d', ''],
        ['attribute', null],
      ],
      a,
      kw,
    );
    const items = iterate(v).map(attribute === null ? (x: Value) => x : attrGetter(attribute));
    if (d instanceof Markup || items.some((x) => x instanceof Markup)) return new Markup(items.map((x) => escape(x).s).join(escape(d).s));
    return items.map(text).join(text(d));
  },
  last: (v) => {
    const items = iterate(v);
    return items.length ? items[items.length - 1] : new Undefined(undefined, undefined, 'No last item, sequence was empty.');
  },
  length: (v) => length(v),
  list: (v) => [...iterate(v)],
  lower: (v) => strLike(v, text(v).toLowerCase()),
  map: (v, a, kw) => {
    const items = iterate(v);
    if (!a.length && kw.has('attribute')) {
      const extra = [...kw.keys()].find((k) => k !== 'attribute' && k !== 'default');
      if (extra) fail('TypeError', `Unexpected keyword argument '${extra}'`);
      return items.map(attrGetter(kw.get('attribute')!, undefined, kw.has('default') ? kw.get('default') : undefined));
    }
    if (!a.length) return fail('TemplateRuntimeError', 'map requires a filter argument');
    const name = text(a[0]);
    const f = own(FILTERS, name) ?? fail('TemplateRuntimeError', `No filter named '${name}'.`);
    return items.map((x) => f(x, a.slice(1), kw, false));
  },
  max: (v, a, kw) => {
    const [cs, attribute] = bind(
      'max',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      a,
      kw,
    );
    return minMax(v, cs, attribute, true);
  },
  min: (v, a, kw) => {
    const [cs, attribute] = bind(
      'min',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      a,
      kw,
    );
    return minMax(v, cs, attribute, false);
  },
  pprint: (v) => repr(v, true),
  random: (v) => {
    const items = iterate(v);
    return items.length ? items[Math.floor(Math.random() * items.length)] : new Undefined(undefined, undefined, 'No random item, sequence was empty.');
  },
  reject: select('reject'),
  rejectattr: select('rejectattr'),
  replace: (v, a, kw) => {
    const [old, neu, count] = bind('replace', ['old', 'new', ['count', null]], a, kw);
    return strLike(v, pyReplace(text(v), text(old), text(neu), count === null ? -1 : intOf(count, 'count')));
  },
  reverse: (v) => (isStr(v) ? strLike(v, chars(strOf(v)).reverse().join('')) : [...iterate(v)].reverse()),
  round: (v, a, kw) => {
    const [precision, method] = bind(
      'round',
      [
        ['precision', 0],
        ['method', 'common'],
      ],
      a,
      kw,
    );
    const m = text(method);
    if (!['common', 'ceil', 'floor'].includes(m)) fail('TypeError', 'method must be common, ceil or floor');
    if (v instanceof Undefined) return fail('TypeError', "type Undefined doesn't define __round__ method");
    if (!isNumeric(v)) return fail('TypeError', `type ${typeName(v)} doesn't define __round__ method`);
    const p = intOf(precision, 'precision');
    if (m === 'common') {
      if (isFloat(v)) return float(roundFloat(num(v), p));
      return int(roundInt(BigInt(typeof v === 'boolean' ? Number(v) : (v as number | bigint)), p));
    }
    const scale = 10 ** p;
    return float((m === 'ceil' ? Math.ceil(num(v) * scale) : Math.floor(num(v) * scale)) / scale);
  },
  safe: (v) => (v instanceof Markup ? v : new Markup(text(v))),
  select: select('select'),
  selectattr: select('selectattr'),
  slice: (v, a, kw) => {
    const [slices, fill] = bind('slice', ['slices', ['fill_with', null]], a, kw);
    const seq = iterate(v);
    const n = intOf(slices, 'slices');
    const per = Math.floor(seq.length / n);
    const extra = seq.length % n;
    const out: Value[][] = [];
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const part = seq.slice(start, offset + (i + 1) * per);
      if (fill !== null && i >= extra) part.push(fill);
      out.push(part);
    }
    return out;
  },
  sort: (v, a, kw) => {
    const [reverse, cs, attribute] = bind(
      'sort',
      [
        ['reverse', false],
        ['case_sensitive', false],
        ['attribute', null],
      ],
      a,
      kw,
    );
    return sortValues([...iterate(v)], multiGetter(attribute, truthy(cs)), truthy(reverse));
  },
  string: (v) => (v instanceof Markup ? v : text(v)),
  striptags: (v) => striptags(text(v)),
  sum: (v, a, kw) => {
    const [attribute, start] = bind(
      'sum',
      [
        ['attribute', null],
        ['start', 0],
      ],
      a,
      kw,
    );
    return sum(iterate(v).map(attribute === null ? (x: Value) => x : attrGetter(attribute)), start);
  },
  title: (v) =>
    strLike(
      v,
      text(v)
        .split(/([-\s({[<]+)/)
        .filter(Boolean)
        .map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
        .join(''),
    ),
  tojson: (v, a, kw) => toJson(v, bind('tojson', [['indent', null]], a, kw)[0]),
  trim: (v, a, kw) => strLike(v, pyStrip(text(v), bind('trim', [['chars', null]], a, kw)[0])),
  truncate: (v, a, kw) => {
    const [len, kill, end, leeway] = bind(
      'truncate',
      [
        ['length', 255],
        ['killwords', false],
        ['end', '...'],
        ['leeway', null],
      ],
      a,
      kw,
    );
    return truncate(text(v), intOf(len, 'length'), truthy(kill), text(end), leeway === null ? 5 : intOf(leeway, 'leeway'));
  },
  unique: (v, a, kw) => {
    const [cs, attribute] = bind(
      'unique',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      a,
      kw,
    );
    const key = attribute === null ? (x: Value) => (truthy(cs) ? x : lowerIfStr(x)) : attrGetter(attribute, truthy(cs) ? undefined : lowerIfStr);
    const seen: Value[] = [];
    const out: Value[] = [];
    for (const x of iterate(v)) {
      const k = key(x);
      dictKey(k);
      if (!seen.some((s) => eq(s, k))) {
        seen.push(k);
        out.push(x);
      }
    }
    return out;
  },
  upper: (v) => strLike(v, text(v).toUpperCase()),
  urlencode: (v) => {
    if (isStr(v) || !isIterable(v)) return urlQuote(v, false);
    const pairs = v instanceof Map ? [...v].map(([k, x]): Value[] => [k, x]) : iterate(v).map((p) => iterate(p));
    return pairs.map(([k, x]) => `${urlQuote(k, true)}=${urlQuote(x, true)}`).join('&');
  },
  urlize: (v, a, kw, autoescape) => {
    const [trim, nofollow, target, rel] = bind(
      'urlize',
      [
        ['trim_url_limit', null],
        ['nofollow', false],
        ['target', null],
        ['rel', null],
        ['extra_schemes', null],
      ],
      a,
      kw,
    );
    const out = urlize(text(v), trim === null ? null : intOf(trim, 'trim_url_limit'), truthy(nofollow), target, rel);
    return autoescape ? new Markup(out) : out;
  },
  wordcount: (v) => (text(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
  wordwrap: (v, a, kw) => {
    const [width, breakLong, wrap, hyphens] = bind(
      'wordwrap',
      [
        ['width', 79],
        ['break_long_words', true],
        ['wrapstring', null],
        ['break_on_hyphens', true],
      ],
      a,
      kw,
    );
    const sep = wrap === null ? '\n' : text(wrap);
    return splitLines(text(v))
      .map((line) => wrapLine(line, intOf(width, 'width'), truthy(breakLong), truthy(hyphens)).join(sep))
      .join(sep);
  },
  xmlattr: (v, a, kw, autoescape) => {
    const [autospace] = bind('xmlattr', [['autospace', true]], a, kw);
    if (!(v instanceof Map)) return fail('AttributeError', `'${typeName(v)}' object has no attribute 'items'`);
    const parts: string[] = [];
    for (const [k, x] of v) {
      if (x === null || x instanceof Undefined) continue;
      if (/[\s/>=]/.test(String(k))) fail('ValueError', `Invalid character in attribute name: ${repr(k)}`);
      parts.push(`${escapeHtml(String(k))}="${escape(x).s}"`);
    }
    const out = (truthy(autospace) && parts.length ? ' ' : '') + parts.join(' ');
    return autoescape ? new Markup(out) : out;
  },
};
FILTERS.count = FILTERS.length;
FILTERS.d = FILTERS.default;
FILTERS.e = FILTERS.escape;

export const FILTER_NAMES: ReadonlySet<string> = new Set(Object.keys(FILTERS));
registerFilterNames(FILTER_NAMES);
