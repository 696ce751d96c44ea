/**
 * Jinja2's built-in filters, tests and the string/list/dict methods templates commonly call.
 * Self-contained (its source runs in the template isolate); `h` is jinjaValues().
 */
export function jinjaFilters(h: any): any {
  type Fn = (v: any, ...a: any[]) => any;
  /** Maps Python-style positional + keyword arguments onto a parameter list. */
  const sig = (names: string[], fn: Fn) => (v: any, args: any[], kwargs: [string, any][]) => {
    const a = [...args];
    for (const [k, val] of kwargs) {
      const at = names.indexOf(k);
      if (at < 0) h.fail(`TypeError: unexpected keyword argument '${k}'`);
      a[at] = val;
    }
    return fn(v, ...a);
  };
  const attrOf = (attr: any) => (x: any) => (attr === undefined || attr === null ? x : String(attr).split('.').reduce((o, k) => h.get(o, /^\d+$/.test(k) ? Number(k) : k, k), x));
  const sortKey = (x: any, cs: boolean) => (typeof x === 'string' && !cs ? x.toLowerCase() : x);
  const pyRound = (v: number, p: number, method: string) => {
    const f = 10 ** p;
    const x = v * f;
    const r = method === 'ceil' ? Math.ceil(x) : method === 'floor' ? Math.floor(x) : Math.sign(x) * Math.round(Math.abs(x));
    return r / f;
  };
  const toInt = (v: any, d = 0, base = 10) => {
    v = h.n(v);
    if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : d;
    if (typeof v === 'boolean') return Number(v);
    const s = h.str(v).trim();
    if (base === 10 && /^[+-]?\d+$/.test(s)) return parseInt(s, 10);
    if (base !== 10 && s) {
      const n = parseInt(s.replace(/^0[xob]/i, ''), base);
      return Number.isNaN(n) ? d : n;
    }
    const f = Number(s);
    return s && Number.isFinite(f) ? Math.trunc(f) : d;
  };
  const toFloat = (v: any, d = 0) => {
    v = h.n(v);
    if (typeof v === 'number') return v;
    const f = Number(h.str(v).trim());
    return h.str(v).trim() && !Number.isNaN(f) ? f : d;
  };
  const percent = (fmt: string, args: any[]) => {
    let k = 0;
    const dict = args.length === 1 && h.isDict(args[0]) ? args[0] : null;
    return fmt.replace(/%(\([^)]*\))?([-+ 0]*)(\d+)?(?:\.(\d+))?([sdifrx%])/g, (_m, key, flags: string, width, prec, conv) => {
      if (conv === '%') return '%';
      const v = key ? h.get(dict, key.slice(1, -1), key) : args[k++];
      let s = conv === 's' ? h.str(v) : conv === 'r' ? h.repr(v) : conv === 'x' ? toInt(v).toString(16)
        : conv === 'f' ? toFloat(v).toFixed(prec === undefined ? 6 : Number(prec)) : String(toInt(v));
      if (width && s.length < Number(width)) s = flags.includes('-') ? s.padEnd(Number(width)) : s.padStart(Number(width), flags.includes('0') && conv !== 's' ? '0' : ' ');
      return s;
    });
  };
  const title = (s: string) => s.replace(/[A-Za-z\u00c0-\uffff]+('[a-z]+)?/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
  const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s);
  const strip = (s: string, chars?: any) => {
    if (chars === undefined || chars === null) return s.trim();
    const set = h.str(chars);
    let a = 0;
    let b = s.length;
    while (a < b && set.includes(s[a])) a++;
    while (b > a && set.includes(s[b - 1])) b--;
    return s.slice(a, b);
  };
  const replace = (s: any, old: any, neu: any, count?: any) => {
    const src = h.str(s);
    const o = h.str(old);
    const parts = src.split(o);
    if (count === undefined || count === null || Number(count) < 0 || !o) return parts.join(h.str(neu));
    return parts.slice(0, Number(count) + 1).join(h.str(neu)) + (parts.length > Number(count) + 1 ? o + parts.slice(Number(count) + 1).join(o) : '');
  };

  const filters: Record<string, ReturnType<typeof sig>> = {};
  const def = (names: string[], fn: Fn, ...aliases: string[]) => aliases.forEach((a) => (filters[a] = sig(names, fn)));
  def([], (v) => h.str(v).toUpperCase(), 'upper');
  def([], (v) => h.str(v).toLowerCase(), 'lower');
  def([], (v) => title(h.str(v)), 'title');
  def([], (v) => capitalize(h.str(v)), 'capitalize');
  def(['chars'], (v, c) => strip(h.str(v), c), 'trim');
  def([], (v) => h.len(v), 'length', 'count');
  def(['default_value', 'boolean'], (v, d = '', b = false) => (h.isUndef(v) || (b && !h.truthy(v)) ? d : v), 'default', 'd');
  def(['d', 'attribute'], (v, d = '', attribute) => h.list(v).map(attrOf(attribute)).map(h.str).join(h.str(d)), 'join');
  def(['old', 'new', 'count'], (v, o, n, c) => replace(v, o, n, c), 'replace');
  def(['precision', 'method'], (v, p = 0, m = 'common') => h.toFloat(pyRound(toFloat(v), Number(p), m)), 'round');
  def(['default', 'base'], (v, d = 0, b = 10) => toInt(v, d, b), 'int');
  def(['default'], (v, d = 0) => h.toFloat(toFloat(v, d)), 'float');
  def([], (v) => h.str(v), 'string');
  def([], (v) => (h.list(v).length ? h.list(v)[0] : new h.Undefined('first of an empty sequence')), 'first');
  def([], (v) => (h.list(v).length ? h.list(v).at(-1) : new h.Undefined('last of an empty sequence')), 'last');
  def(['reverse', 'case_sensitive', 'attribute'], (v, r = false, cs = false, attribute) => {
    const key = attrOf(attribute);
    const out = [...h.list(v)].sort((a, b) => h.cmp(sortKey(key(a), cs), sortKey(key(b), cs)));
    return r ? out.reverse() : out;
  }, 'sort');
  def(['case_sensitive', 'attribute'], (v, cs = false, attribute) => {
    const seen: any[] = [];
    const out: any[] = [];
    for (const x of h.list(v)) {
      const k = sortKey(attrOf(attribute)(x), cs);
      if (!seen.some((s) => h.eq(s, k))) {
        seen.push(k);
        out.push(x);
      }
    }
    return out;
  }, 'unique');
  def(['indent'], (v, indent) => h.tojson(v, indent === undefined ? undefined : Number(indent)), 'tojson');
  def([], (v) => h.escape(v), 'escape', 'e', 'forceescape');
  def([], (v) => v, 'safe');
  def([], (v) => (h.isFloat(v) ? h.toFloat(Math.abs(toFloat(v))) : Math.abs(toFloat(v))), 'abs');
  def([], (v) => [...h.list(v)], 'list');
  def([], (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...h.list(v)].reverse()), 'reverse');
  def(['attribute', 'start'], (v, attribute, start = 0) => {
    const xs = h.list(v).map(attrOf(attribute));
    const total = xs.reduce((s: number, x: any) => s + toFloat(x), toFloat(start));
    return xs.some(h.isFloat) || h.isFloat(start) ? h.toFloat(total) : total;
  }, 'sum');
  def(['case_sensitive', 'attribute'], (v, cs = false, attribute) => pick(v, cs, attribute, -1), 'min');
  def(['case_sensitive', 'attribute'], (v, cs = false, attribute) => pick(v, cs, attribute, 1), 'max');
  def(['length', 'killwords', 'end', 'leeway'], (v, l = 255, kill = false, end = '...', leeway = 5) => {
    const s = h.str(v);
    if (s.length <= l + leeway) return s;
    if (kill) return s.slice(0, l - end.length) + end;
    const cut = s.slice(0, l - end.length);
    return cut.slice(0, Math.max(0, cut.lastIndexOf(' '))) + end;
  }, 'truncate');
  def([], (v) => (h.str(v).match(/\w+/g) ?? []).length, 'wordcount');
  def(['width'], (v, w = 80) => {
    const s = h.str(v);
    const left = Math.floor((w - s.length) / 2);
    return w > s.length ? ' '.repeat(left) + s + ' '.repeat(w - s.length - left) : s;
  }, 'center');
  def(['width', 'first', 'blank'], (v, w = 4, first = false, blank = false) => {
    const pad = typeof w === 'string' ? w : ' '.repeat(Number(w));
    return h.str(v).split('\n').map((l: string, k: number) => ((k === 0 && !first) || (!l.trim() && !blank) ? l : pad + l)).join('\n');
  }, 'indent');
  filters.format = (v, args) => percent(h.str(v), args);
  def([], (v) => h.str(v).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim(), 'striptags');
  def([], (v) => (h.isDict(v) ? Object.keys(v).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(h.str(v[k]))}`).join('&') : encodeURIComponent(h.str(v))), 'urlencode');
  def([], (v) => (h.isDict(v) ? Object.keys(v).map((k) => [k, v[k]]) : []), 'items');
  def(['case_sensitive', 'by', 'reverse'], (v, cs = false, by = 'key', r = false) => {
    const out = Object.keys(v).map((k) => [k, v[k]]).sort((a, b) => h.cmp(sortKey(a[by === 'value' ? 1 : 0], cs), sortKey(b[by === 'value' ? 1 : 0], cs)));
    return r ? out.reverse() : out;
  }, 'dictsort');
  def(['linecount', 'fill_with'], (v, n, fill) => {
    const xs = h.list(v);
    const out: any[][] = [];
    for (let k = 0; k < xs.length; k += Number(n)) out.push(xs.slice(k, k + Number(n)));
    if (fill !== undefined && out.length) while (out[out.length - 1].length < Number(n)) out[out.length - 1].push(fill);
    return out;
  }, 'batch');
  function pick(v: any, cs: boolean, attribute: any, dir: number) {
    const xs = h.list(v);
    if (!xs.length) return new h.Undefined('empty sequence');
    const key = attrOf(attribute);
    return xs.reduce((best: any, x: any) => (h.cmp(sortKey(key(x), cs), sortKey(key(best), cs)) * dir > 0 ? x : best));
  }

  const tests: Record<string, (v: any, ...a: any[]) => boolean> = {
    defined: (v) => !h.isUndef(v), undefined: (v) => h.isUndef(v), none: (v) => v === null,
    number: (v) => h.isNumber(v), integer: (v) => typeof v === 'number' && Number.isInteger(v), float: (v) => h.isFloat(v),
    string: (v) => typeof v === 'string', mapping: (v) => h.isDict(v), boolean: (v) => typeof v === 'boolean',
    iterable: (v) => typeof v === 'string' || Array.isArray(v) || h.isDict(v) || v instanceof h.PyRange, sequence: (v) => typeof v === 'string' || Array.isArray(v) || h.isDict(v),
    even: (v) => toInt(v) % 2 === 0, odd: (v) => Math.abs(toInt(v) % 2) === 1, divisibleby: (v, n) => toInt(v) % toInt(n) === 0,
    true: (v) => v === true, false: (v) => v === false, lower: (v) => h.str(v) === h.str(v).toLowerCase(), upper: (v) => h.str(v) === h.str(v).toUpperCase(),
    eq: (a, b) => h.eq(a, b), ne: (a, b) => !h.eq(a, b), lt: (a, b) => h.cmp(a, b) < 0, gt: (a, b) => h.cmp(a, b) > 0, le: (a, b) => h.cmp(a, b) <= 0, ge: (a, b) => h.cmp(a, b) >= 0,
    in: (a, b) => contains(b, a), callable: () => false,
  };
  Object.assign(tests, { '==': tests.eq, equalto: tests.eq, sameas: tests.eq, '!=': tests.ne, '<': tests.lt, lessthan: tests.lt, '>': tests.gt, greaterthan: tests.gt, '<=': tests.le, '>=': tests.ge });

  for (const [name, kind] of [['map', 0], ['select', 1], ['reject', 2], ['selectattr', 3], ['rejectattr', 4]] as [string, number][]) {
    filters[name] = (v, args, kwargs) => {
      const xs = h.list(v);
      if (kind === 0) {
        const kw = Object.fromEntries(kwargs);
        if ('attribute' in kw) return xs.map((x: any) => { const r = attrOf(kw.attribute)(x); return h.isUndef(r) && 'default' in kw ? kw.default : r; });
        const f = filters[args[0]] ?? h.fail(`no filter named '${args[0]}'`);
        return xs.map((x: any) => f(x, args.slice(1), []));
      }
      const byAttr = kind >= 3;
      const key = byAttr ? attrOf(args[0]) : (x: any) => x;
      const rest = byAttr ? args.slice(1) : args;
      const test = rest.length ? tests[rest[0]] ?? h.fail(`no test named '${rest[0]}'`) : (x: any) => h.truthy(x);
      const keep = kind === 1 || kind === 3;
      return xs.filter((x: any) => !!test(key(x), ...rest.slice(1)) === keep);
    };
  }
  function contains(container: any, item: any): boolean {
    if (typeof container === 'string') return container.includes(h.str(item));
    if (h.isDict(container)) return Object.prototype.hasOwnProperty.call(container, h.str(item));
    return h.list(container).some((x: any) => h.eq(x, item));
  }

  /** Methods callable on values (`s.upper()`, `d.items()`, `xs.append(x)`): a fixed table, never host functions. */
  const method = (o: any, name: string, args: any[], kwargs: [string, any][]): any => {
    const kw = Object.fromEntries(kwargs);
    if (typeof o === 'string') {
      switch (name) {
        case 'upper': case 'lower': case 'title': case 'capitalize': return filters[name](o, [], []);
        case 'strip': return strip(o, args[0]);
        case 'lstrip': return o.replace(/^\s+/, '');
        case 'rstrip': return o.replace(/\s+$/, '');
        case 'split': {
          const sep = args[0] ?? kw.sep;
          const max = Number(args[1] ?? kw.maxsplit ?? -1);
          const parts = sep === undefined || sep === null ? o.trim().split(/\s+/).filter(Boolean) : o.split(h.str(sep));
          return max >= 0 && parts.length > max + 1 ? [...parts.slice(0, max), parts.slice(max).join(sep ?? ' ')] : parts;
        }
        case 'replace': return replace(o, args[0], args[1], args[2]);
        case 'startswith': return o.startsWith(h.str(args[0]));
        case 'endswith': return o.endsWith(h.str(args[0]));
        case 'join': return h.list(args[0]).map(h.str).join(o);
        case 'count': return h.str(args[0]) ? o.split(h.str(args[0])).length - 1 : o.length + 1;
        case 'find': return o.indexOf(h.str(args[0]));
        case 'isdigit': return /^\d+$/.test(o);
        case 'isalpha': return /^[A-Za-z]+$/.test(o);
        case 'format': { let k = 0; return o.replace(/\{(\w*)\}/g, (_m, key) => h.str(key === '' ? args[k++] : /^\d+$/.test(key) ? args[Number(key)] : kw[key])); }
      }
    } else if (Array.isArray(o)) {
      switch (name) {
        case 'append': o.push(args[0]); return null;
        case 'extend': o.push(...h.list(args[0])); return null;
        case 'pop': return o.splice(args.length ? Number(args[0]) : -1, 1)[0] ?? null;
        case 'index': { const k = o.findIndex((x) => h.eq(x, args[0])); return k < 0 ? h.fail('ValueError: item is not in list') : k; }
        case 'count': return o.filter((x) => h.eq(x, args[0])).length;
      }
    } else if (h.isDict(o) && !(o instanceof h.Namespace)) {
      switch (name) {
        case 'items': return Object.keys(o).map((k) => [k, o[k]]);
        case 'keys': return Object.keys(o);
        case 'values': return Object.keys(o).map((k) => o[k]);
        case 'get': return Object.prototype.hasOwnProperty.call(o, h.str(args[0])) ? o[h.str(args[0])] : args[1] ?? null;
      }
    }
    return h.fail(`'${h.typeName(o)}' object has no callable attribute '${name}'`);
  };
  return { filters, tests, method, contains };
}
