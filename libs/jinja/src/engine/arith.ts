import type { BinaryOp } from './ast';
import { fail } from './errors';
import { escape, pyStr } from './py';
import { formatPercent } from './str-methods';
import { Markup, PyFloat, Tuple, Undefined, type Value, checkSize, float, int, isFloat, isNumeric, isStr, num, strOf, typeName } from './values';

type Numeric = number | bigint | boolean | PyFloat;
const big = (v: Numeric): bigint => BigInt(typeof v === 'boolean' ? Number(v) : (v as number | bigint));

/** Integer arithmetic exact past 2^53 (Python ints do not overflow). */
function intOp(op: BinaryOp, a: Numeric, b: Numeric): Value {
  const [x, y] = [num(a), num(b)];
  if (typeof a !== 'bigint' && typeof b !== 'bigint' && op !== '**') {
    const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : NaN;
    if (Number.isSafeInteger(r)) return r;
  }
  const [p, q] = [big(a), big(b)];
  switch (op) {
    case '+':
      return int(p + q);
    case '-':
      return int(p - q);
    case '*':
      return int(p * q);
    case '//': {
      if (q === 0n) fail('ZeroDivisionError', 'integer division or modulo by zero');
      const d = p / q;
      return int(p % q !== 0n && p < 0n !== q < 0n ? d - 1n : d);
    }
    case '%': {
      if (q === 0n) fail('ZeroDivisionError', 'integer modulo by zero');
      const r = p % q;
      return int(r !== 0n && r < 0n !== q < 0n ? r + q : r);
    }
    case '**': {
      if (q < 0n) {
        if (p === 0n) fail('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        return float(x ** y);
      }
      // Beyond this Python spends seconds and the result cannot be printed (over 4300 digits).
      if (q > 100_000n && p !== 0n && p !== 1n && p !== -1n) fail('ValueError', 'Exceeds the limit (4300 digits) for integer string conversion');
      return int(p ** q);
    }
  }
  return fail('TypeError', `unsupported operand type(s) for ${op}`);
}

function floatOp(op: BinaryOp, x: number, y: number): Value {
  switch (op) {
    case '+':
      return float(x + y);
    case '-':
      return float(x - y);
    case '*':
      return float(x * y);
    case '/':
      return y === 0 ? fail('ZeroDivisionError', 'float division by zero') : float(x / y);
    case '//':
      return y === 0 ? fail('ZeroDivisionError', 'float floor division by zero') : float(Math.floor(x / y));
    case '%': {
      if (y === 0) fail('ZeroDivisionError', 'float modulo');
      let r = x % y;
      if (r !== 0 && r < 0 !== y < 0) r += y;
      return float(r === 0 ? (y < 0 ? -0 : 0) : r);
    }
    case '**':
      if (x === 0 && y < 0) fail('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      return float(x ** y);
  }
  return fail('TypeError', `unsupported operand type(s) for ${op}`);
}

function repeat(seq: Value, times: Value): Value | undefined {
  const n =
    typeof times === 'boolean'
      ? Number(times)
      : typeof times === 'number' && Number.isInteger(times)
        ? times
        : typeof times === 'bigint'
          ? Number(times)
          : undefined;
  const isSeq = isStr(seq) || Array.isArray(seq) || seq instanceof Tuple;
  if (!isSeq) return undefined;
  if (n === undefined)
    return isNumeric(times) || isStr(times) || Array.isArray(times)
      ? fail('TypeError', `can't multiply sequence by non-int of type '${typeName(times)}'`)
      : undefined;
  const k = Math.max(0, n);
  if (isStr(seq)) return seq instanceof Markup ? new Markup(seq.s.repeat(k)) : strOf(seq).repeat(k);
  const items = Array.isArray(seq) ? seq : seq.items;
  checkSize(items.length * k);
  const out = Array.from({ length: k }, () => items).flat();
  return seq instanceof Tuple ? new Tuple(out) : out;
}

/** `a op b` with Python's semantics (Jinja2 hands arithmetic to Python). */
export function binary(op: BinaryOp, a: Value, b: Value, autoescape: boolean): Value {
  if (op === '~') return autoescape ? new Markup(escape(a).s + escape(b).s) : pyStr(a) + pyStr(b);
  if (a instanceof Undefined) a.raise();
  if (b instanceof Undefined) b.raise();
  if (isNumeric(a) && isNumeric(b)) {
    if (op === '/')
      return num(b) === 0 ? fail('ZeroDivisionError', isFloat(a) || isFloat(b) ? 'float division by zero' : 'division by zero') : float(num(a) / num(b));
    return isFloat(a) || isFloat(b) ? floatOp(op, num(a), num(b)) : intOp(op, a, b);
  }
  if (op === '+') {
    if (a instanceof Markup && isStr(b)) return new Markup(a.s + escape(b).s);
    if (typeof a === 'string' && b instanceof Markup) return new Markup(escape(a).s + b.s);
    if (typeof a === 'string') return typeof b === 'string' ? a + b : fail('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
    if (Array.isArray(a) && Array.isArray(b)) checkSize(a.length + b.length);
    if (Array.isArray(a)) return Array.isArray(b) ? a.concat(b) : fail('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
    if (a instanceof Tuple)
      return b instanceof Tuple ? new Tuple([...a.items, ...b.items]) : fail('TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
  }
  if (op === '*') {
    const r = repeat(a, b) ?? repeat(b, a);
    if (r !== undefined) return r;
  }
  if (op === '%' && isStr(a))
    return a instanceof Markup ? new Markup(formatPercent(a, b instanceof Tuple ? new Tuple(b.items.map(escape)) : escape(b))) : formatPercent(a, b);
  return fail('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** Unary minus and plus. */
export function unary(op: 'neg' | 'pos', v: Value): Value {
  if (v instanceof Undefined) v.raise();
  if (!isNumeric(v)) return fail('TypeError', `bad operand type for unary ${op === 'neg' ? '-' : '+'}: '${typeName(v)}'`);
  if (typeof v === 'bigint') return op === 'neg' ? int(-v) : v;
  const x = op === 'neg' ? -num(v) : num(v);
  return isFloat(v) ? float(x) : x === 0 ? 0 : x;
}
