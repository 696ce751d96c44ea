import { fail } from './errors';
import { eq, iterate, lessThan, repr, truthy } from './py';
import { strMethod } from './str-methods';
import {
  type Dict,
  type DictKey,
  type Kwargs,
  Markup,
  PyFunction,
  PyObject,
  PyRange,
  Tuple,
  Undefined,
  type Value,
  chars,
  dictGet,
  dictKey,
  isInt,
  isStr,
  num,
  strOf,
  typeName,
} from './values';

/** dict.keys(), .values(), .items(): live views that print as dict_keys([...]). */
export class DictView extends PyObject {
  readonly typeName: string;
  constructor(
    private readonly dict: Dict,
    private readonly kind: 'keys' | 'values' | 'items',
  ) {
    super();
    this.typeName = `dict_${kind}`;
  }
  override iterate(): Value[] {
    if (this.kind === 'keys') return [...this.dict.keys()];
    if (this.kind === 'values') return [...this.dict.values()];
    return [...this.dict].map(([k, v]) => new Tuple([k, v]));
  }
  override repr(): string {
    return `${this.typeName}(${repr(this.iterate())})`;
  }
}

const method = (owner: string, name: string, fn: (args: Value[], kwargs: Kwargs) => Value) => new PyFunction(name, fn, owner);

function index(items: Value[], at: Value, what: string): number {
  const i = isInt(at) || typeof at === 'boolean' ? Number(num(at)) : fail('TypeError', `${what} indices must be integers or slices, not ${typeName(at)}`);
  const k = i < 0 ? items.length + i : i;
  return k >= 0 && k < items.length ? k : fail('IndexError', `${what} index out of range`);
}

/** list.sort / sorted(): stable, by Python's `<`. */
export function sortValues<T extends Value>(items: T[], key: (v: T) => Value = (v) => v, reverse = false): T[] {
  const keyed = items.map((v) => ({ v, k: key(v) }));
  keyed.sort((a, b) => (reverse ? (lessThan(b.k, a.k) ? -1 : lessThan(a.k, b.k) ? 1 : 0) : lessThan(a.k, b.k) ? -1 : lessThan(b.k, a.k) ? 1 : 0));
  return keyed.map((x) => x.v);
}

function listMethod(list: Value[], name: string): PyFunction | undefined {
  const m = (fn: (a: Value[], kw: Kwargs) => Value) => method('list', name, fn);
  switch (name) {
    case 'append':
      return m((a) => {
        list.push(a[0]);
        return null;
      });
    case 'extend':
      return m((a) => {
        list.push(...iterate(a[0]));
        return null;
      });
    case 'insert':
      return m((a) => {
        const i = isInt(a[0]) ? Number(a[0]) : fail('TypeError', `'${typeName(a[0])}' object cannot be interpreted as an integer`);
        list.splice(i < 0 ? Math.max(0, list.length + i) : Math.min(i, list.length), 0, a[1]);
        return null;
      });
    case 'pop':
      return m((a) => (list.length ? list.splice(a.length ? index(list, a[0], 'pop') : list.length - 1, 1)[0] : fail('IndexError', 'pop from empty list')));
    case 'remove':
      return m((a) => {
        const i = list.findIndex((x) => eq(x, a[0]));
        if (i < 0) fail('ValueError', 'list.remove(x): x not in list');
        list.splice(i, 1);
        return null;
      });
    case 'clear':
      return m(() => {
        list.splice(0);
        return null;
      });
    case 'copy':
      return m(() => [...list]);
    case 'reverse':
      return m(() => {
        list.reverse();
        return null;
      });
    case 'sort':
      return m((_a, kw) => {
        const sorted = sortValues(list, undefined, truthy(kw.get('reverse') ?? false));
        list.splice(0, list.length, ...sorted);
        return null;
      });
  }
  return seqMethod(list, name, 'list');
}

function seqMethod(items: Value[], name: string, owner: string): PyFunction | undefined {
  if (name === 'index') {
    return method(owner, name, (a) => {
      const i = items.findIndex((x) => eq(x, a[0]));
      return i < 0 ? fail('ValueError', owner === 'list' ? `${repr(a[0])} is not in list` : 'tuple.index(x): x not in tuple') : i;
    });
  }
  if (name === 'count') return method(owner, name, (a) => items.filter((x) => eq(x, a[0])).length);
  return undefined;
}

function dictMethod(d: Dict, name: string): PyFunction | undefined {
  const m = (fn: (a: Value[], kw: Kwargs) => Value) => method('dict', name, fn);
  switch (name) {
    case 'keys':
    case 'values':
    case 'items':
      return m(() => new DictView(d, name));
    case 'get':
      return m((a) => {
        const v = dictGet(d, dictKey(a[0]));
        return v !== undefined ? v : a.length > 1 ? a[1] : null;
      });
    case 'pop':
      return m((a) => {
        const k = dictKey(a[0]);
        const v = dictGet(d, k);
        if (v === undefined) return a.length > 1 ? a[1] : fail('KeyError', repr(a[0]));
        d.delete(k);
        return v;
      });
    case 'setdefault':
      return m((a) => {
        const k = dictKey(a[0]);
        if (!d.has(k)) d.set(k, a[1] ?? null);
        return d.get(k)!;
      });
    case 'update':
      return m((a, kw) => {
        if (a[0] instanceof Map) for (const [k, v] of a[0]) d.set(k, v);
        else if (a[0] !== undefined)
          for (const pair of iterate(a[0])) {
            const [k, v] = iterate(pair);
            d.set(dictKey(k), v);
          }
        for (const [k, v] of kw) d.set(k, v);
        return null;
      });
    case 'copy':
      return m(() => new Map(d));
    case 'clear':
      return m(() => {
        d.clear();
        return null;
      });
  }
  return undefined;
}

/** Python's getattr(obj, name), for the attributes templates can see. */
export function pyGetattr(obj: Value, name: string): Value | undefined {
  if (typeof obj === 'string' || obj instanceof Markup) return strMethod(obj, name);
  if (Array.isArray(obj)) return listMethod(obj, name);
  if (obj instanceof Tuple) {
    const at = obj.names?.indexOf(name) ?? -1;
    return at >= 0 ? obj.items[at] : seqMethod(obj.items, name, 'tuple');
  }
  if (obj instanceof Map) return dictMethod(obj, name);
  if (obj instanceof PyRange) return name === 'start' || name === 'stop' || name === 'step' ? obj[name] : undefined;
  if (obj instanceof PyObject) return obj.getattr(name);
  return undefined;
}

/** `obj.name` in a template: the attribute, else the item, else Undefined. */
export function getattr(obj: Value, name: string): Value {
  if (obj instanceof Undefined) return obj.raise();
  const attr = pyGetattr(obj, name);
  if (attr !== undefined) return attr;
  const found = item(obj, name);
  return found !== undefined ? found : new Undefined(name, { value: obj });
}

/** `obj[key]` in a template: the item, else (for a str key) the attribute, else Undefined. */
export function getitem(obj: Value, key: Value): Value {
  if (obj instanceof Undefined) return obj.raise();
  const found = item(obj, key);
  if (found !== undefined) return found;
  const attr = isStr(key) ? pyGetattr(obj, strOf(key)) : undefined;
  if (attr !== undefined) return attr;
  let name: DictKey;
  try {
    name = dictKey(key);
  } catch {
    name = repr(key);
  }
  return new Undefined(name, { value: obj });
}

function item(obj: Value, key: Value): Value | undefined {
  const int = isInt(key) || typeof key === 'boolean' ? Number(num(key)) : undefined;
  if (typeof obj === 'string' || obj instanceof Markup) {
    if (int === undefined) return undefined;
    const cs = chars(strOf(obj));
    const k = int < 0 ? cs.length + int : int;
    return k >= 0 && k < cs.length ? cs[k] : undefined;
  }
  if (Array.isArray(obj) || obj instanceof Tuple) {
    const items = Array.isArray(obj) ? obj : obj.items;
    if (int === undefined) return undefined;
    const k = int < 0 ? items.length + int : int;
    return k >= 0 && k < items.length ? items[k] : undefined;
  }
  if (obj instanceof Map) {
    let k: DictKey;
    try {
      k = dictKey(key);
    } catch {
      return undefined;
    }
    return dictGet(obj, k);
  }
  if (obj instanceof PyRange && int !== undefined) {
    const k = int < 0 ? obj.length + int : int;
    return k >= 0 && k < obj.length ? obj.at(k) : undefined;
  }
  return undefined;
}

/** `obj[a:b:c]`. */
export function slice(obj: Value, start: Value, stop: Value, step: Value): Value {
  if (obj instanceof Undefined) return obj.raise();
  const bound = (v: Value, what: string): number | null => {
    if (v === null || v instanceof Undefined) return null;
    if (isInt(v) || typeof v === 'boolean') return Number(num(v));
    return fail('TypeError', `slice indices must be integers or None or have an __index__ method (${what})`);
  };
  const st = bound(step, 'step') ?? 1;
  if (st === 0) fail('ValueError', 'slice step cannot be zero');
  const seq =
    typeof obj === 'string' || obj instanceof Markup
      ? chars(strOf(obj))
      : Array.isArray(obj)
        ? obj
        : obj instanceof Tuple
          ? obj.items
          : obj instanceof PyRange
            ? iterate(obj)
            : null;
  if (!seq) return fail('TypeError', `'${typeName(obj)}' object is not subscriptable`);
  const n = seq.length;
  const norm = (v: number | null, dflt: number) => {
    if (v === null) return dflt;
    if (v < 0) return Math.max(v + n, st < 0 ? -1 : 0);
    return Math.min(v, st < 0 ? n - 1 : n);
  };
  const a = norm(bound(start, 'start'), st < 0 ? n - 1 : 0);
  const b = norm(bound(stop, 'stop'), st < 0 ? -1 : n);
  const out: Value[] = [];
  for (let k = a; st > 0 ? k < b : k > b; k += st) out.push(seq[k]);
  if (typeof obj === 'string' || obj instanceof Markup) return out.join('');
  return obj instanceof Tuple ? new Tuple(out) : out;
}
