import { fail } from './errors';
import { floatRepr } from './numbers';
import {
  type DictKey,
  Markup,
  Namespace,
  PyFloat,
  PyObject,
  PyRange,
  Tuple,
  Undefined,
  type Value,
  chars,
  checkSize,
  isNumeric,
  isStr,
  num,
  strOf,
  typeName,
} from './values';

/** Python's str(): what `{{ value }}` prints. */
export function pyStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.s;
  if (v instanceof Undefined) return '';
  return repr(v);
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]|(?! )\p{Zs}/u;

/** Python's repr() of a str: quotes chosen as Python does, unprintable characters escaped. */
export function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (NON_PRINTABLE.test(ch)) {
      const code = ch.codePointAt(0)!;
      out +=
        code < 0x100
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : code < 0x10000
            ? `\\u${code.toString(16).padStart(4, '0')}`
            : `\\U${code.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

export function reprKey(k: DictKey): string {
  return k === null || typeof k === 'boolean' || typeof k === 'number' || typeof k === 'bigint' ? repr(k) : reprStr(k);
}

export function repr(v: Value, sortDicts = false): string {
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean':
      return v ? 'True' : 'False';
    case 'string':
      return reprStr(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : floatRepr(v);
  }
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (v instanceof Markup) return `Markup(${reprStr(v.s)})`;
  if (Array.isArray(v)) return `[${v.map((x) => repr(x, sortDicts)).join(', ')}]`;
  if (v instanceof Tuple) return v.items.length === 1 ? `(${repr(v.items[0], sortDicts)},)` : `(${v.items.map((x) => repr(x, sortDicts)).join(', ')})`;
  if (v instanceof Map) {
    const keys = [...v.keys()];
    if (sortDicts) keys.sort((a, b) => (lessThan(a, b) ? -1 : lessThan(b, a) ? 1 : 0));
    return `{${keys.map((k) => `${reprKey(k)}: ${repr(v.get(k)!, sortDicts)}`).join(', ')}}`;
  }
  if (v instanceof Undefined) return 'Undefined';
  if (v instanceof PyRange) return `range(${v.start}, ${v.stop}${v.step !== 1 ? `, ${v.step}` : ''})`;
  if (v instanceof Namespace) return `<Namespace ${repr(new Map<DictKey, Value>(v.attrs), sortDicts)}>`;
  return v.repr();
}

export function truthy(v: Value): boolean {
  if (v === null || v instanceof Undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof Markup) return v.s.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Tuple) return v.items.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  return v.iterate ? v.iterate().length > 0 : true;
}

function numEq(a: number | bigint | boolean | PyFloat, b: number | bigint | boolean | PyFloat): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const [x, y] = [a instanceof PyFloat ? a.v : a, b instanceof PyFloat ? b.v : b];
    if (typeof x === 'number' && !Number.isInteger(x)) return false;
    if (typeof y === 'number' && !Number.isInteger(y)) return false;
    return BigInt(x) === BigInt(y);
  }
  return num(a) === num(b);
}

export function eq(a: Value, b: Value): boolean {
  if (isNumeric(a) && isNumeric(b)) return numEq(a, b);
  if (isStr(a) && isStr(b)) return strOf(a) === strOf(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => eq(x, b[i]));
  if (a instanceof Tuple && b instanceof Tuple) return a.items.length === b.items.length && a.items.every((x, i) => eq(x, b.items[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !eq(x, b.get(k)!)) return false;
    return true;
  }
  if (a instanceof Undefined && b instanceof Undefined) return true;
  if (a instanceof PyRange && b instanceof PyRange)
    return a.length === b.length && (a.length === 0 || (a.start === b.start && (a.length === 1 || a.step === b.step)));
  return a === b;
}

export type CompareOp = '<' | '>' | '<=' | '>=';

/** `a op b` with Python's rules: numbers, strings, and sequences element by element. */
export function compare(op: CompareOp, a: Value, b: Value): boolean {
  if (a instanceof Undefined) a.raise();
  if (b instanceof Undefined) b.raise();
  const c = threeWay(op, a, b);
  return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
}

export function lessThan(a: Value, b: Value): boolean {
  return compare('<', a, b);
}

function threeWay(op: CompareOp, a: Value, b: Value): number {
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      const [x, y] = [a instanceof PyFloat ? a.v : a, b instanceof PyFloat ? b.v : b];
      // Mixed bigint/number comparisons are exact in JavaScript.
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const [x, y] = [num(a), num(b)];
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (isStr(a) && isStr(b)) {
    const [x, y] = [strOf(a), strOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const seqA = Array.isArray(a) ? a : a instanceof Tuple && b instanceof Tuple ? a.items : null;
  const seqB = Array.isArray(b) ? b : b instanceof Tuple && a instanceof Tuple ? b.items : null;
  if (seqA && seqB && Array.isArray(a) === Array.isArray(b)) {
    for (let i = 0; i < Math.min(seqA.length, seqB.length); i++) {
      if (!eq(seqA[i], seqB[i])) return compare('<', seqA[i], seqB[i]) ? -1 : 1;
    }
    return seqA.length - seqB.length;
  }
  return fail('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** The items `for x in v` visits, as a list. */
export function iterate(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return chars(v);
  if (v instanceof Markup) return chars(v.s);
  if (v instanceof Tuple) return v.items;
  if (v instanceof Map) return [...v.keys()];
  if (v instanceof Undefined) return [];
  if (v instanceof PyRange) {
    checkSize(v.length);
    return Array.from({ length: v.length }, (_, i) => v.at(i));
  }
  if (v instanceof PyObject && v.iterate) return v.iterate();
  return fail('TypeError', `'${typeName(v)}' object is not iterable`);
}

export function isIterable(v: Value): boolean {
  return (
    Array.isArray(v) ||
    isStr(v) ||
    v instanceof Tuple ||
    v instanceof Map ||
    v instanceof Undefined ||
    v instanceof PyRange ||
    (v instanceof PyObject && !!v.iterate)
  );
}

export function length(v: Value): number {
  if (typeof v === 'string') return chars(v).length;
  if (v instanceof Markup) return chars(v.s).length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Tuple) return v.items.length;
  if (v instanceof Map) return v.size;
  if (v instanceof PyRange) return v.length;
  if (v instanceof Undefined) return 0;
  if (v instanceof PyObject && v.iterate) return v.iterate().length;
  return fail('TypeError', `object of type '${typeName(v)}' has no len()`);
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML[c]);

/** markupsafe.escape: Markup stays as it is, anything else is stringified and escaped. */
export function escape(v: Value): Markup {
  return v instanceof Markup ? v : new Markup(escapeHtml(pyStr(v)));
}
