/**
 * Evaluates a jinjaParse() AST against plain JSON variables. Self-contained: its source runs in
 * the template isolate with `h` = jinjaValues() and `lib` = jinjaFilters(h). Output is capped at
 * `maxLength` characters so a runaway loop fails early instead of filling the isolate's heap.
 */
export function jinjaRender(ast: any[], vars: Record<string, any>, h: any, lib: any, maxLength: number): string {
  class Loop {
    index0 = 0;
    previtem: any;
    nextitem: any;
    constructor(readonly length: number, readonly depth0: number) {}
    attr(n: string): any {
      switch (n) {
        case 'index': return this.index0 + 1;
        case 'index0': return this.index0;
        case 'revindex': return this.length - this.index0;
        case 'revindex0': return this.length - this.index0 - 1;
        case 'first': return this.index0 === 0;
        case 'last': return this.index0 === this.length - 1;
        case 'length': return this.length;
        case 'depth': return this.depth0 + 1;
        case 'depth0': return this.depth0;
        case 'previtem': return this.index0 > 0 ? this.previtem : new h.Undefined('loop.previtem');
        case 'nextitem': return this.index0 < this.length - 1 ? this.nextitem : new h.Undefined('loop.nextitem');
      }
      return new h.Undefined(`loop.${n}`);
    }
  }
  type Scope = Map<string, any>[];
  /** A `{% macro %}` (or a call block's `caller`): its body renders in the scope it was defined in. */
  class Macro {
    constructor(readonly name: string, readonly params: [string, any][], readonly body: any[], readonly scope: Scope) {}
  }
  // Thrown by {% break %} / {% continue %} and caught by the innermost for-loop (the parser allows them nowhere else).
  const BREAK = { loop: 'break' };
  const CONTINUE = { loop: 'continue' };
  // defineProperty, not `=`: the sandbox freezes Object.prototype, which would swallow keys like `toString`.
  const put = (o: any, k: string, v: any) => Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  const root = new Map<string, any>();
  for (const k of Object.keys(vars)) root.set(k, vars[k]);
  let size = 0;
  let depth = 0;
  let calls = 0;
  const out: string[] = [];
  const emit = (s: string) => {
    size += s.length;
    if (size > maxLength) h.fail(`OutputTooLong: the rendered text is longer than ${maxLength} characters`);
    out.push(s);
  };

  const lookup = (sc: Scope, n: string): any => {
    for (let k = sc.length - 1; k >= 0; k--) if (sc[k].has(n)) return sc[k].get(n);
    return new h.Undefined(n);
  };
  const assign = (sc: Scope, target: any, v: any) => {
    if (target.ns) {
      const ns = lookup(sc, target.ns);
      if (!(ns instanceof h.Namespace)) h.fail(`TemplateRuntimeError: cannot assign attribute on non-namespace object '${target.ns}'`);
      if (target.attr.startsWith('__')) h.fail(`SecurityError: cannot assign '${target.attr}'`);
      put(ns, target.attr, v);
      return;
    }
    if (target.names.length === 1) {
      sc[sc.length - 1].set(target.names[0], v);
      return;
    }
    const xs = h.list(v);
    if (xs.length !== target.names.length) h.fail(`ValueError: expected ${target.names.length} values to unpack, got ${xs.length}`);
    target.names.forEach((n: string, k: number) => sc[sc.length - 1].set(n, xs[k]));
  };
  const label = (e: any): string => (e.k === 'name' ? e.n : e.k === 'attr' ? `${label(e.o)}.${e.n}` : 'value');

  const arith = (op: string, a: any, b: any): any => {
    const isNum = (x: any) => h.isNumber(x) || typeof x === 'boolean';
    if (op === '~') return h.str(a) + h.str(b);
    if (op === '+') {
      if (isNum(a) && isNum(b)) return h.isFloat(a) || h.isFloat(b) ? h.toFloat(Number(h.n(a)) + Number(h.n(b))) : Number(a) + Number(b);
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    } else if (op === '*' && ((typeof a === 'string' || Array.isArray(a)) !== (typeof b === 'string' || Array.isArray(b)))) {
      const [seq, n] = typeof a === 'string' || Array.isArray(a) ? [a, b] : [b, a];
      if (!Number.isInteger(n)) h.fail(`TypeError: can't multiply sequence by non-int of type '${h.typeName(n)}'`);
      if (typeof seq === 'string') return seq.repeat(Math.max(0, n));
      return Array.from({ length: Math.max(0, n) }, () => seq).flat();
    } else if (isNum(a) && isNum(b)) {
      const x = Number(h.n(a));
      const y = Number(h.n(b));
      if ((op === '/' || op === '//' || op === '%') && y === 0) h.fail('ZeroDivisionError: division by zero');
      // Python: float if either side is, `/` always, `**` with a negative exponent.
      const float = h.isFloat(a) || h.isFloat(b) || op === '/' || (op === '**' && y < 0);
      const r = op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : op === '//' ? Math.floor(x / y) : op === '%' ? ((x % y) + y) % y : x ** y;
      return float ? h.toFloat(r) : r;
    } else if (op === '%' && typeof a === 'string') return lib.filters.format(a, Array.isArray(b) ? b : [b], []);
    return h.fail(`TypeError: unsupported operand type(s) for ${op}: '${h.typeName(a)}' and '${h.typeName(b)}'`);
  };

  const globals: Record<string, (args: any[], kwargs: [string, any][]) => any> = {
    range: (a) => {
      const n = a.map((x: any) => (Number.isInteger(x) ? x : h.fail(`TypeError: '${h.typeName(x)}' object cannot be interpreted as an integer`)));
      return n.length === 1 ? new h.PyRange(0, n[0], 1) : new h.PyRange(n[0], n[1], n[2] ?? 1);
    },
    dict: (_a, kw) => Object.fromEntries(kw),
    namespace: (a, kw) => {
      const ns = new h.Namespace();
      for (const [k, v] of [...(h.isDict(a[0]) ? Object.keys(a[0]).map((k) => [k, a[0][k]]) : []), ...kw]) if (!String(k).startsWith('__')) put(ns, String(k), v);
      return ns;
    },
  };

  const ev = (e: any, sc: Scope): any => {
    switch (e.k) {
      case 'lit': return e.v === undefined ? new h.Undefined('') : e.float ? h.toFloat(e.v) : e.v;
      case 'name': return lookup(sc, e.n);
      case 'attr': {
        const o = ev(e.o, sc);
        if (o instanceof Loop) return o.attr(e.n);
        return h.get(o, e.n, label(e.o));
      }
      case 'item': {
        const o = ev(e.o, sc);
        const i = ev(e.i, sc);
        if (o instanceof h.PyRange) return Number.isInteger(i) && i >= -o.length && i < o.length ? o.at(i < 0 ? o.length + i : i) : new h.Undefined('range item');
        return h.get(o, i, label(e.o));
      }
      case 'slice': {
        const o = ev(e.o, sc);
        const seq = typeof o === 'string' ? [...o] : h.list(o);
        const step = e.s ? ev(e.s, sc) : 1;
        const norm = (x: any, d: number) => (x === null || x === undefined || h.isUndef(x) ? d : x < 0 ? Math.max(seq.length + x, step < 0 ? -1 : 0) : Math.min(x, seq.length));
        const a = norm(e.a ? ev(e.a, sc) : null, step < 0 ? seq.length - 1 : 0);
        const b = norm(e.b ? ev(e.b, sc) : null, step < 0 ? -1 : seq.length);
        const r: any[] = [];
        if (!step) h.fail('ValueError: slice step cannot be zero');
        for (let k = a; step > 0 ? k < b : k > b; k += step) r.push(seq[k]);
        return typeof o === 'string' ? r.join('') : r;
      }
      case 'list': return e.items.map((x: any) => ev(x, sc));
      case 'dict': {
        const d: Record<string, any> = {};
        for (const [k, v] of e.pairs) {
          const key = h.str(ev(k, sc));
          if (key.startsWith('__')) h.fail(`SecurityError: key '${key}' is not allowed`);
          put(d, key, ev(v, sc));
        }
        return d;
      }
      case 'call': {
        const args = e.args.map((x: any) => ev(x, sc));
        const kwargs = e.kwargs.map(([k, v]: [string, any]) => [k, ev(v, sc)]);
        if (e.f.k === 'attr') {
          const o = ev(e.f.o, sc);
          if (o instanceof Loop && e.f.n === 'cycle') return args.length ? args[o.index0 % args.length] : h.fail('TypeError: no items for cycling given');
          if (h.isUndef(o)) h.fail(`UndefinedError: '${label(e.f.o)}' is undefined`);
          return lib.method(o, e.f.n, args, kwargs);
        }
        if (e.f.k === 'name') {
          const f = lookup(sc, e.f.n);
          if (f instanceof Macro) return callMacro(f, args, kwargs, null);
          if (globals[e.f.n] && h.isUndef(f)) return globals[e.f.n](args, kwargs);
        }
        return h.fail(`TypeError: '${label(e.f)}' is not callable`);
      }
      case 'filter': {
        const f = lib.filters[e.n] ?? h.fail(`TemplateAssertionError: no filter named '${e.n}'`);
        return f(ev(e.o, sc), e.args.map((x: any) => ev(x, sc)), e.kwargs.map(([k, v]: [string, any]) => [k, ev(v, sc)]));
      }
      case 'test': {
        const t = lib.tests[e.n] ?? h.fail(`TemplateAssertionError: no test named '${e.n}'`);
        return !!t(ev(e.o, sc), ...e.args.map((x: any) => ev(x, sc))) !== e.neg;
      }
      case 'neg': {
        const v = ev(e.a, sc);
        if (!h.isNumber(v) && typeof v !== 'boolean') h.fail(`TypeError: bad operand type for unary ${e.op}: '${h.typeName(v)}'`);
        const r = e.op === '-' ? -Number(h.n(v)) : Number(h.n(v));
        return h.isFloat(v) ? h.toFloat(r) : r;
      }
      case 'bin': return arith(e.op, ev(e.a, sc), ev(e.b, sc));
      case 'not': return !h.truthy(ev(e.a, sc));
      case 'and': { const a = ev(e.a, sc); return h.truthy(a) ? ev(e.b, sc) : a; }
      case 'or': { const a = ev(e.a, sc); return h.truthy(a) ? a : ev(e.b, sc); }
      case 'cond': return h.truthy(ev(e.c, sc)) ? ev(e.t, sc) : ev(e.f, sc);
      case 'cmp': {
        let left = ev(e.first, sc);
        for (const [op, x] of e.ops) {
          const right = ev(x, sc);
          const ok = op === '==' ? h.eq(left, right) : op === '!=' ? !h.eq(left, right) : op === 'in' ? lib.contains(right, left) : op === 'notin' ? !lib.contains(right, left)
            : op === '<' ? h.cmp(left, right) < 0 : op === '>' ? h.cmp(left, right) > 0 : op === '<=' ? h.cmp(left, right) <= 0 : h.cmp(left, right) >= 0;
          if (!ok) return false;
          left = right;
        }
        return true;
      }
    }
    return h.fail(`unknown expression ${e.k}`);
  };

  const callMacro = (m: Macro, args: any[], kwargs: [string, any][], caller: Macro | null): string => {
    if (args.length > m.params.length) h.fail(`TypeError: macro '${m.name}' takes not more than ${m.params.length} argument(s)`);
    const local = new Map<string, any>();
    const given = new Map(kwargs);
    for (const [k] of kwargs) {
      if (!m.params.some(([n]) => n === k)) h.fail(`TypeError: macro '${m.name}' takes no keyword argument '${k}'`);
    }
    const inner: Scope = [...m.scope, local];
    m.params.forEach(([n, def], k) => {
      if (k < args.length) {
        if (given.has(n)) h.fail(`TypeError: macro '${m.name}' got multiple values for argument '${n}'`);
        local.set(n, args[k]);
      } else if (given.has(n)) local.set(n, given.get(n));
      else local.set(n, def ? ev(def, inner) : new h.Undefined(n));
    });
    if (caller) local.set('caller', caller);
    if (++calls > 100) h.fail('RecursionError: maximum macro recursion depth exceeded');
    const buf: string[] = [];
    try {
      exec(m.body, inner, (s) => buf.push(s));
    } finally {
      calls--;
    }
    return buf.join('');
  };

  const exec = (body: any[], sc: Scope, sink: (s: string) => void) => {
    for (const st of body) {
      switch (st.s) {
        case 'text': sink(st.v); break;
        case 'out': sink(h.str(ev(st.e, sc))); break;
        case 'if': {
          const hit = st.branches.find(([c]: [any]) => h.truthy(ev(c, sc)));
          exec(hit ? hit[1] : st.else, sc, sink);
          break;
        }
        case 'set': assign(sc, st.target, ev(st.e, sc)); break;
        case 'setblock': {
          const buf: string[] = [];
          exec(st.body, sc, (s) => buf.push(s));
          sc[sc.length - 1].set(st.name, buf.join(''));
          break;
        }
        case 'filter': {
          const buf: string[] = [];
          exec(st.body, sc, (s) => buf.push(s));
          const f = lib.filters[st.n] ?? h.fail(`TemplateAssertionError: no filter named '${st.n}'`);
          sink(h.str(f(buf.join(''), st.args.map((x: any) => ev(x, sc)), [])));
          break;
        }
        case 'for': runFor(st, sc, sink); break;
        case 'break': throw BREAK;
        case 'continue': throw CONTINUE;
        case 'macro': sc[sc.length - 1].set(st.name, new Macro(st.name, st.params, st.body, sc)); break;
        case 'callblock': {
          const f = st.call.f.k === 'name' ? lookup(sc, st.call.f.n) : null;
          if (!(f instanceof Macro)) h.fail(`TypeError: '${label(st.call.f)}' is not a macro`);
          const args = st.call.args.map((x: any) => ev(x, sc));
          const kwargs = st.call.kwargs.map(([k, v]: [string, any]) => [k, ev(v, sc)]);
          sink(callMacro(f, args, kwargs, new Macro('caller', st.params, st.body, sc)));
          break;
        }
      }
    }
  };
  const runFor = (st: any, sc: Scope, sink: (s: string) => void) => {
    const it = ev(st.iter, sc);
    // Ranges stay lazy so a huge range runs into the time limit instead of allocating first.
    const lazy = it instanceof h.PyRange && !st.filter;
    let xs: any = lazy ? it : h.list(it);
    const inner: Scope = [...sc, new Map()];
    if (st.filter) {
      xs = xs.filter((x: any) => {
        assign(inner, st.target, x);
        return h.truthy(ev(st.filter, inner));
      });
    }
    const at = (k: number) => (lazy ? xs.at(k) : xs[k]);
    if (!xs.length) return exec(st.else, sc, sink);
    const loop = new Loop(xs.length, depth);
    depth++;
    try {
      for (let k = 0; k < xs.length; k++) {
        loop.index0 = k;
        loop.previtem = k > 0 ? at(k - 1) : undefined;
        loop.nextitem = k < xs.length - 1 ? at(k + 1) : undefined;
        inner[inner.length - 1].set('loop', loop);
        assign(inner, st.target, at(k));
        try {
          exec(st.body, inner, sink);
        } catch (signal) {
          if (signal === BREAK) break;
          if (signal !== CONTINUE) throw signal;
        }
      }
    } finally {
      depth--;
    }
  };
  exec(ast, [root], emit);
  return out.join('');
}
