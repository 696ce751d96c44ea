/**
 * Python value semantics for the Jinja2 sandbox (str/repr, truthiness, equality, ordering,
 * attribute and item access). Self-contained: its source is loaded into the template isolate.
 * Lookups only ever see own data properties, and `__*` names are never resolved, so a template
 * cannot walk to prototypes or constructors.
 */
export function jinjaValues(): any {
  class Undefined {
    constructor(readonly name: string) {}
  }
  class Namespace {}
  /** A Python float with an integral value (5.0), which JavaScript numbers cannot tell from 5. */
  class PyFloat {
    constructor(readonly v: number) {}
    valueOf() {
      return this.v;
    }
  }
  const isNumber = (v: any) => typeof v === 'number' || v instanceof PyFloat;
  /** A number's float-ness: produced by `/`, float literals, |float, |round and float operands. */
  const isFloat = (v: any) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
  const toFloat = (v: number) => (Number.isInteger(v) ? new PyFloat(v) : v);
  const n = (v: any) => (v instanceof PyFloat ? v.v : v);
  class PyRange {
    readonly length: number;
    constructor(readonly start: number, readonly stop: number, readonly step: number) {
      if (!step) throw new Error('ValueError: range() arg 3 must not be zero');
      this.length = Math.max(0, Math.ceil((stop - start) / step));
    }
    at(i: number) {
      return this.start + i * this.step;
    }
  }
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  const isUndef = (v: any) => v instanceof Undefined || v === undefined;
  const isDict = (v: any) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Undefined) && !(v instanceof PyRange) && !(v instanceof PyFloat);
  const typeName = (v: any) =>
    v === null ? 'NoneType' : isUndef(v) ? 'Undefined' : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : isNumber(v) ? (isFloat(v) ? 'float' : 'int')
      : Array.isArray(v) ? 'list' : v instanceof PyRange ? 'range' : v instanceof Namespace ? 'Namespace' : isDict(v) ? 'dict' : 'object';
  const num = (x: number | PyFloat) => {
    const v = n(x);
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    if (x instanceof PyFloat) return Math.abs(v) >= 1e16 ? v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : `${v}.0`;
    return String(v);
  };
  const reprStr = (s: string) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`);
  const repr = (v: any): string => {
    if (typeof v === 'string') return reprStr(v);
    if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
    if (v instanceof PyRange) return `range(${v.start}, ${v.stop}${v.step !== 1 ? `, ${v.step}` : ''})`;
    if (v instanceof Namespace) return '<Namespace>';
    if (isDict(v)) return `{${Object.keys(v).map((k) => `${reprStr(k)}: ${repr(v[k])}`).join(', ')}}`;
    return str(v);
  };
  const str = (v: any): string => {
    if (typeof v === 'string') return v;
    if (isUndef(v)) return '';
    if (v === null) return 'None';
    if (v === true) return 'True';
    if (v === false) return 'False';
    if (isNumber(v)) return num(v);
    return repr(v);
  };
  const truthy = (v: any): boolean => {
    if (isUndef(v) || v === null) return false;
    if (Array.isArray(v) || typeof v === 'string') return v.length > 0;
    if (v instanceof PyFloat) return v.v !== 0;
    if (v instanceof PyRange) return v.length > 0;
    if (isDict(v)) return v instanceof Namespace || Object.keys(v).length > 0;
    return !!v;
  };
  const eq = (a: any, b: any): boolean => {
    if (isUndef(a) && isUndef(b)) return true;
    if (isNumber(a) && isNumber(b)) return n(a) === n(b);
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => eq(x, b[k]));
    if (isDict(a) && isDict(b)) {
      const ka = Object.keys(a);
      return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && eq(a[k], b[k]));
    }
    if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b) && typeof a !== 'string' && typeof b !== 'string';
    return a === b;
  };
  const cmp = (a: any, b: any): number => {
    const ta = typeof a === 'boolean' || a instanceof PyFloat ? 'number' : typeof a;
    const tb = typeof b === 'boolean' || b instanceof PyFloat ? 'number' : typeof b;
    if (ta === 'number' && tb === 'number') return Number(n(a)) - Number(n(b));
    if (ta === 'string' && tb === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let k = 0; k < Math.min(a.length, b.length); k++) {
        const c = cmp(a[k], b[k]);
        if (c) return c;
      }
      return a.length - b.length;
    }
    return fail(`TypeError: '<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  };
  const list = (v: any): any[] => {
    if (isUndef(v)) return [];
    if (Array.isArray(v)) return v;
    if (typeof v === 'string') return [...v];
    if (v instanceof PyRange) {
      if (v.length > 1_000_000) fail('OverflowError: range too large to materialise');
      return Array.from({ length: v.length }, (_, k) => v.at(k));
    }
    if (isDict(v)) return Object.keys(v);
    return fail(`TypeError: '${typeName(v)}' object is not iterable`);
  };
  const len = (v: any): number => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v) || v instanceof PyRange) return v.length;
    if (isDict(v)) return Object.keys(v).length;
    if (isUndef(v)) return 0;
    return fail(`TypeError: object of type '${typeName(v)}' has no len()`);
  };
  const own = (o: any, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  /** `o.name` / `o[key]`: own data of dicts and lists only; anything else is undefined. */
  const get = (o: any, key: any, label: string): any => {
    if (isUndef(o)) fail(`UndefinedError: '${o?.name ?? label}' is undefined`);
    if (typeof key === 'string' && key.startsWith('__')) return new Undefined(`${typeName(o)} object has no attribute ${key}`);
    if (Array.isArray(o) || typeof o === 'string') {
      if (typeof key !== 'number' || !Number.isInteger(key)) return new Undefined(`${typeName(o)} object has no attribute ${key}`);
      const k = key < 0 ? o.length + key : key;
      if (k < 0 || k >= o.length) return new Undefined(`${label}[${key}]`);
      return o[k];
    }
    if (isDict(o)) {
      const k = typeof key === 'string' ? key : str(key);
      if (!own(o, k)) return new Undefined(`${typeName(o)} object has no attribute '${k}'`);
      const v = o[k];
      return typeof v === 'function' ? new Undefined(k) : v;
    }
    return new Undefined(`${typeName(o)} object has no attribute ${key}`);
  };
  const JSON_ESC: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', "'": '\\u0027' };
  /** Python's json.dumps (separators ', ' and ': ', sorted keys like Jinja's tojson). */
  const dumps = (v: any, indent?: number, sortKeys = true, depth = 0): string => {
    const pad = (d: number) => (indent ? '\n' + ' '.repeat(indent * d) : '');
    const sep = indent ? ',' : ', ';
    if (isUndef(v) || v === null) return 'null';
    if (isNumber(v)) return Number.isFinite(n(v)) ? num(v) : n(v) > 0 ? 'Infinity' : Number.isNaN(n(v)) ? 'NaN' : '-Infinity';
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'string') return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    if (v instanceof PyRange) v = list(v);
    if (Array.isArray(v)) return v.length ? `[${v.map((x) => pad(depth + 1) + dumps(x, indent, sortKeys, depth + 1)).join(sep)}${pad(depth)}]` : '[]';
    const keys = Object.keys(v);
    if (sortKeys) keys.sort();
    return keys.length ? `{${keys.map((k) => `${pad(depth + 1)}${dumps(k)}: ${dumps(v[k], indent, sortKeys, depth + 1)}`).join(sep)}${pad(depth)}}` : '{}';
  };
  const tojson = (v: any, indent?: number) => dumps(v, indent).replace(/[<>&']/g, (c) => JSON_ESC[c]);
  const escape = (v: any) => str(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
  return { Undefined, Namespace, PyRange, PyFloat, isNumber, isFloat, toFloat, n, fail, isUndef, isDict, typeName, repr, str, truthy, eq, cmp, list, len, get, dumps, tojson, escape };
}
