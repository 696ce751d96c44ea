import { fail } from './errors';

/**
 * Python values as the interpreter holds them. Variables arrive as JSON: objects become dicts
 * (Maps, so no key can reach a prototype), arrays lists. Integral numbers are ints, others
 * floats; a float with an integral value (5.0, -0.0) is a PyFloat, which JavaScript cannot
 * otherwise tell from 5; ints beyond 2^53 are bigints.
 */
export type Value = null | boolean | number | bigint | string | PyFloat | Markup | Value[] | Tuple | Dict | Undefined | PyRange | PyObject;
/**
 * Most items a list may hold. The isolate's heap would run out a little further on, but only after
 * seconds of garbage collection; this fails at once instead.
 */
export const MAX_ITEMS = 1024 * 1024;

export function checkSize(n: number): void {
  if (n > MAX_ITEMS) fail('MemoryError', `a list of ${n} items is more than a template may build (${MAX_ITEMS})`);
}

export type DictKey = string | number | bigint | boolean | null;
export type Dict = Map<DictKey, Value>;
export type Kwargs = Map<string, Value>;

export class PyFloat {
  constructor(readonly v: number) {}
}

/** markupsafe.Markup: a string already safe for HTML (|e, |safe, |tojson). */
export class Markup {
  constructor(readonly s: string) {}
}

export class Tuple {
  /** Names of a named tuple's fields (groupby's grouper, list). */
  constructor(
    readonly items: Value[],
    readonly names?: readonly string[],
  ) {}
}

export class PyRange {
  readonly length: number;
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    if (step === 0) fail('ValueError', 'range() arg 3 must not be zero');
    this.length = Math.max(0, Math.ceil((stop - start) / step));
  }
  at(i: number): number {
    return this.start + i * this.step;
  }
}

/** jinja2.Undefined: prints as '', iterates as empty, fails on arithmetic, calls and lookups. */
export class Undefined {
  constructor(
    readonly name?: DictKey,
    readonly owner?: { value: Value },
    readonly hint?: string,
  ) {}

  get message(): string {
    if (this.hint) return this.hint;
    if (!this.owner) return `'${String(this.name)}' is undefined`;
    if (typeof this.name !== 'string') return `${objectTypeRepr(this.owner.value)} has no element ${String(this.name)}`;
    return `'${objectTypeRepr(this.owner.value)}' has no attribute '${this.name}'`;
  }

  raise(): never {
    return fail('UndefinedError', this.message);
  }
}

/** Anything else a template can hold: macros, loop contexts, methods, namespaces, dict views. */
export abstract class PyObject {
  abstract readonly typeName: string;
  /** An attribute, or undefined when there is none (then item lookup is tried). */
  getattr(_name: string): Value | undefined {
    return undefined;
  }
  /** Only callables override this. */
  call?(args: Value[], kwargs: Kwargs): Value;
  /** Only iterables override this. */
  iterate?(): Value[];
  repr(): string {
    return `<${this.typeName} object>`;
  }
}

/** A built-in function or bound method: `range`, `'abc'.upper`. */
export class PyFunction extends PyObject {
  readonly typeName = 'builtin_function_or_method';
  constructor(
    readonly name: string,
    private readonly fn: (args: Value[], kwargs: Kwargs) => Value,
    private readonly owner?: string,
  ) {
    super();
  }
  override call(args: Value[], kwargs: Kwargs): Value {
    return this.fn(args, kwargs);
  }
  override repr(): string {
    return this.owner ? `<built-in method ${this.name} of ${this.owner} object>` : `<built-in function ${this.name}>`;
  }
}

export class Namespace extends PyObject {
  readonly typeName = 'Namespace';
  readonly attrs = new Map<string, Value>();
  override getattr(name: string): Value | undefined {
    return this.attrs.get(name);
  }
}

export const isFloat = (v: Value): v is number | PyFloat => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
export const isInt = (v: Value): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
/** int, float or bool (bool is an int in Python). */
export const isNumeric = (v: Value): v is number | bigint | boolean | PyFloat =>
  typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof PyFloat;
export const isStr = (v: Value): v is string | Markup => typeof v === 'string' || v instanceof Markup;
export const isDict = (v: Value): v is Dict => v instanceof Map;
export const isList = (v: Value): v is Value[] => Array.isArray(v);
export const isUndef = (v: Value): v is Undefined => v instanceof Undefined;
export const isCallable = (v: Value): boolean => v instanceof PyObject && typeof v.call === 'function';

/** A float result: integral values keep their float-ness. */
export const float = (x: number): number | PyFloat => (Number.isInteger(x) ? new PyFloat(x) : x);
/** An int result: past 2^53 as bigint. */
export const int = (x: number | bigint): number | bigint => {
  if (typeof x === 'number') return x;
  return x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;
};
/** The JavaScript number of a numeric value. */
export const num = (v: number | bigint | boolean | PyFloat): number => (v instanceof PyFloat ? v.v : Number(v));
export const strOf = (v: string | Markup): string => (typeof v === 'string' ? v : v.s);

export function typeName(v: Value): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
  }
  if (v instanceof PyFloat) return 'float';
  if (v instanceof Markup) return 'Markup';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Tuple) return 'tuple';
  if (v instanceof Map) return 'dict';
  if (v instanceof Undefined) return 'Undefined';
  if (v instanceof PyRange) return 'range';
  return v.typeName;
}

/** jinja2.utils.object_type_repr: how Undefined messages name the owner. */
export function objectTypeRepr(v: Value): string {
  return v === null ? 'None' : `${typeName(v)} object`;
}

/** A value usable as a dict key (Python's hashable types). */
export function dictKey(v: Value): DictKey {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (v instanceof Markup) return v.s;
  return fail('TypeError', `unhashable type: '${typeName(v)}'`);
}

/** Looks a key up as Python would: 1, 1.0 and True are one key. */
export function dictGet(d: Dict, key: DictKey): Value | undefined {
  if (d.has(key)) return d.get(key);
  if (typeof key === 'boolean' && d.has(Number(key))) return d.get(Number(key));
  if (typeof key === 'number' && (key === 0 || key === 1) && d.has(key === 1)) return d.get(key === 1);
  return undefined;
}

/** A record's own entry: names coming from templates must never reach Object.prototype. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Code points, as Python indexes strings. */
export function chars(s: string): string[] {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s) : s.split('');
}

/**
 * UTF-8 bytes of a string. The template isolate is a bare V8 context without TextEncoder, so
 * this goes through encodeURIComponent (which also refuses lone surrogates, as Python does).
 */
export function utf8(s: string): number[] {
  let encoded: string;
  try {
    encoded = encodeURIComponent(s);
  } catch {
    return fail('ValueError', "'utf-8' codec can't encode a surrogate: surrogates not allowed");
  }
  const out: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%') {
      out.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(encoded.charCodeAt(i));
  }
  return out;
}

export function fromUtf8(bytes: readonly number[]): string {
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return fail('ValueError', "'utf-8' codec can't decode the bytes");
  }
}

/** A dict from JSON text, keeping objects as Maps. */
export function fromJson(json: string): Dict {
  const convert = (v: unknown): Value => {
    if (Array.isArray(v)) return v.map(convert);
    if (v !== null && typeof v === 'object') {
      const d: Dict = new Map();
      for (const [k, x] of Object.entries(v)) d.set(k, convert(x));
      return d;
    }
    return v as Value;
  };
  const root = convert(JSON.parse(json));
  return isDict(root) ? root : new Map();
}
