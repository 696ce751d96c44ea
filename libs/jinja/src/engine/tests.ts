import { fail } from './errors';
import { compare, eq, isIterable, iterate, pyStr } from './py';
import { strMethod } from './str-methods';
import { Markup, PyObject, PyRange, Tuple, Undefined, type Value, isCallable, isFloat, isInt, isNumeric, isStr, num, strOf, typeName } from './values';

export type Test = (value: Value, args: Value[]) => boolean;

const arg = (args: Value[], i: number, test: string): Value =>
  i < args.length ? args[i] : fail('TypeError', `test_${test}() missing 1 required positional argument`);
const remainder = (v: Value, n: Value): number | bigint => {
  if (!isNumeric(v) || !isNumeric(n)) fail('TypeError', `unsupported operand type(s) for %: '${typeName(v)}' and '${typeName(n)}'`);
  if (typeof v === 'bigint' || typeof n === 'bigint') return BigInt(v as number | bigint) % BigInt(n as number | bigint);
  return num(v) % num(n);
};
const strTest = (v: Value, name: 'islower' | 'isupper') => strMethod(pyStr(v), name)!.call([], new Map()) === true;
/** Python's `is`: None, booleans and small ints are singletons; other values are distinct objects unless the same one. */
const sameAs = (a: Value, b: Value) => {
  if (a === null || typeof a === 'boolean') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return Number.isInteger(a) && Number.isInteger(b) && a === b && a >= -5 && a <= 256;
  if (typeof a === 'string' && typeof b === 'string') return a === b && /^\w*$/.test(a);
  return a === b && typeof a === 'object';
};

export const TESTS: Record<string, Test> = {
  boolean: (v) => typeof v === 'boolean',
  callable: (v) => isCallable(v),
  defined: (v) => !(v instanceof Undefined),
  divisibleby: (v, a) => Number(remainder(v, arg(a, 0, 'divisibleby'))) === 0,
  eq: (v, a) => eq(v, arg(a, 0, 'eq')),
  escaped: (v) => v instanceof Markup,
  even: (v) => Number(remainder(v, 2)) === 0,
  false: (v) => v === false,
  filter: (v) => isStr(v) && FILTER_NAMES_REF.has(strOf(v)),
  float: (v) => isFloat(v),
  ge: (v, a) => compare('>=', v, arg(a, 0, 'ge')),
  gt: (v, a) => compare('>', v, arg(a, 0, 'gt')),
  in: (v, a) => contains(arg(a, 0, 'in'), v),
  integer: (v) => isInt(v),
  iterable: (v) => isIterable(v),
  le: (v, a) => compare('<=', v, arg(a, 0, 'le')),
  lower: (v) => strTest(v, 'islower'),
  lt: (v, a) => compare('<', v, arg(a, 0, 'lt')),
  mapping: (v) => v instanceof Map,
  ne: (v, a) => !eq(v, arg(a, 0, 'ne')),
  none: (v) => v === null,
  number: (v) => isNumeric(v),
  odd: (v) => Math.abs(Number(remainder(v, 2))) === 1,
  sameas: (v, a) => sameAs(v, arg(a, 0, 'sameas')),
  sequence: (v) => isStr(v) || Array.isArray(v) || v instanceof Tuple || v instanceof Map || v instanceof PyRange || v instanceof Undefined,
  string: (v) => isStr(v),
  test: (v) => isStr(v) && Object.prototype.hasOwnProperty.call(TESTS, strOf(v)),
  true: (v) => v === true,
  undefined: (v) => v instanceof Undefined,
  upper: (v) => strTest(v, 'isupper'),
};
Object.assign(TESTS, {
  '==': TESTS.eq,
  equalto: TESTS.eq,
  '!=': TESTS.ne,
  '>': TESTS.gt,
  greaterthan: TESTS.gt,
  '>=': TESTS.ge,
  '<': TESTS.lt,
  lessthan: TESTS.lt,
  '<=': TESTS.le,
});

/** The filter names, set by the filter table once loaded (filters import tests, not the reverse). */
const FILTER_NAMES_REF = new Set<string>();
export function registerFilterNames(names: Iterable<string>): void {
  for (const n of names) FILTER_NAMES_REF.add(n);
}

/** `item in container`. */
export function contains(container: Value, item: Value): boolean {
  if (isStr(container)) {
    if (!isStr(item)) fail('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return strOf(container).includes(strOf(item));
  }
  if (container instanceof Map) {
    for (const k of container.keys()) if (eq(k, item)) return true;
    return false;
  }
  if (container instanceof Undefined) return false;
  if (container instanceof PyObject && !container.iterate) fail('TypeError', `argument of type '${typeName(container)}' is not iterable`);
  return iterate(container).some((x) => eq(x, item));
}
