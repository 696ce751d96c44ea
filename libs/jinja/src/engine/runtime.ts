import { getattr, getitem, slice } from './access';
import { binary, unary } from './arith';
import type { Call, Expr, MacroDef, Stmt, Target } from './ast';
import { fail } from './errors';
import { FILTERS } from './filters';
import { LoopContext, type Seq, globalFunctions } from './objects';
import { compare, eq, escape, iterate, pyStr, truthy } from './py';
import { TESTS, contains } from './tests';
import { type Dict, type Kwargs, Markup, Namespace, PyObject, PyRange, Tuple, Undefined, type Value, dictKey, own, typeName } from './values';

type Scope = Map<string, Value>[];
type Sink = (s: string) => void;

/** Nested macro calls allowed before a RecursionError (Python's own limit comes at a few hundred). */
const MAX_MACRO_DEPTH = 100;

class Macro extends PyObject {
  readonly typeName = 'Macro';
  constructor(
    private readonly r: Renderer,
    readonly def: MacroDef,
    readonly scope: Scope,
  ) {
    super();
  }
  override call(args: Value[], kwargs: Kwargs): Value {
    return this.r.callMacro(this, args, kwargs);
  }
  override getattr(name: string): Value | undefined {
    switch (name) {
      case 'name':
        return this.def.name;
      case 'arguments':
        return new Tuple(this.def.params.map((p) => p.name));
      case 'catch_kwargs':
        return this.def.usesKwargs;
      case 'catch_varargs':
        return this.def.usesVarargs;
      case 'caller':
        return this.def.usesCaller;
    }
    return undefined;
  }
  override repr(): string {
    return `<Macro '${this.def.name}'>`;
  }
}

/** Renders parsed templates against one set of variables. */
export class Renderer {
  private size = 0;
  private depth = 0;
  private autoescape = false;
  private readonly globals: Map<string, Value>;
  private readonly blocks = new Map<string, Stmt[]>();

  constructor(private readonly maxLength: number) {
    this.globals = globalFunctions(this.blocks, (body) => this.capture(body, [new Map()]));
  }

  render(ast: Stmt[], vars: Dict): string {
    collectBlocks(ast, this.blocks);
    const root = new Map<string, Value>();
    for (const [k, v] of vars) root.set(String(k), v);
    const out: string[] = [];
    this.exec(ast, [root], (s) => {
      this.size += s.length;
      if (this.size > this.maxLength) fail('OutputTooLong', `the rendered text is longer than ${this.maxLength} characters`);
      out.push(s);
    });
    return out.join('');
  }

  private lookup(sc: Scope, name: string): Value {
    for (let k = sc.length - 1; k >= 0; k--) {
      const v = sc[k].get(name);
      if (v !== undefined) return v;
    }
    return this.globals.get(name) ?? new Undefined(name);
  }

  private assign(sc: Scope, target: Target, value: Value): void {
    if (target.t === 'name') {
      sc[sc.length - 1].set(target.n, value);
      return;
    }
    if (target.t === 'ns') {
      const ns = this.lookup(sc, target.n);
      if (!(ns instanceof Namespace)) fail('TemplateRuntimeError', 'cannot assign attribute on non-namespace object');
      ns.attrs.set(target.attr, value);
      return;
    }
    let items: Value[];
    try {
      items = iterate(value);
    } catch {
      return fail('TypeError', `cannot unpack non-iterable ${typeName(value)} object`);
    }
    if (items.length < target.items.length) fail('ValueError', `not enough values to unpack (expected ${target.items.length}, got ${items.length})`);
    if (items.length > target.items.length) fail('ValueError', `too many values to unpack (expected ${target.items.length})`);
    target.items.forEach((t, i) => this.assign(sc, t, items[i]));
  }

  private args(c: Call, sc: Scope): { args: Value[]; kwargs: Kwargs } {
    const args = c.args.map((a) => this.ev(a, sc));
    if (c.star) args.push(...iterate(this.ev(c.star, sc)));
    const kwargs: Kwargs = new Map(c.kwargs.map(([k, e]) => [k, this.ev(e, sc)]));
    if (c.dstar) {
      const d = this.ev(c.dstar, sc);
      if (!(d instanceof Map)) fail('TypeError', `argument after ** must be a mapping, not ${typeName(d)}`);
      for (const [k, v] of d) kwargs.set(String(k), v);
    }
    return { args, kwargs };
  }

  private call(callee: Value, args: Value[], kwargs: Kwargs): Value {
    if (callee instanceof Undefined) return callee.raise();
    if (callee instanceof PyObject && callee.call) return callee.call(args, kwargs);
    return fail('TypeError', `'${typeName(callee)}' object is not callable`);
  }

  private ev(e: Expr, sc: Scope): Value {
    switch (e.k) {
      case 'const':
        return e.v;
      case 'name':
        return this.lookup(sc, e.n);
      case 'tuple':
        return new Tuple(e.items.map((x) => this.ev(x, sc)));
      case 'list':
        return e.items.map((x) => this.ev(x, sc));
      case 'dict': {
        const d: Dict = new Map();
        for (const [k, v] of e.pairs) d.set(dictKey(this.ev(k, sc)), this.ev(v, sc));
        return d;
      }
      case 'getattr':
        return getattr(this.ev(e.o, sc), e.n);
      case 'getitem':
        return getitem(this.ev(e.o, sc), this.ev(e.i, sc));
      case 'slice': {
        const part = (x: Expr | null) => (x ? this.ev(x, sc) : null);
        return slice(this.ev(e.o, sc), part(e.start), part(e.stop), part(e.step));
      }
      case 'call': {
        const callee = this.ev(e.f, sc);
        const { args, kwargs } = this.args(e, sc);
        return this.call(callee, args, kwargs);
      }
      case 'filter':
        return this.filter(e, e.o ? this.ev(e.o, sc) : null, sc);
      case 'test': {
        const v = this.ev(e.o, sc);
        const { args } = this.args(e, sc);
        return (own(TESTS, e.n) ?? fail('TemplateAssertionError', `No test named '${e.n}'.`))(v, args);
      }
      case 'neg':
      case 'pos':
        return unary(e.k, this.ev(e.a, sc));
      case 'not':
        return !truthy(this.ev(e.a, sc));
      case 'bin':
        return binary(e.op, this.ev(e.a, sc), this.ev(e.b, sc), this.autoescape);
      case 'and': {
        const a = this.ev(e.a, sc);
        return truthy(a) ? this.ev(e.b, sc) : a;
      }
      case 'or': {
        const a = this.ev(e.a, sc);
        return truthy(a) ? a : this.ev(e.b, sc);
      }
      case 'cond':
        if (truthy(this.ev(e.test, sc))) return this.ev(e.then, sc);
        return e.else
          ? this.ev(e.else, sc)
          : new Undefined(undefined, undefined, 'the inline if-expression evaluated to false and no else section was defined.');
      case 'compare': {
        let left = this.ev(e.first, sc);
        for (const [op, x] of e.ops) {
          const right = this.ev(x, sc);
          const ok =
            op === '=='
              ? eq(left, right)
              : op === '!='
                ? !eq(left, right)
                : op === 'in'
                  ? contains(right, left)
                  : op === 'notin'
                    ? !contains(right, left)
                    : compare(op, left, right);
          if (!ok) return false;
          left = right;
        }
        return true;
      }
    }
  }

  /** A filter (chain); in a filter block the innermost operand is the rendered body. */
  private filter(e: Extract<Expr, { k: 'filter' }>, operand: Value, sc: Scope): Value {
    const { args, kwargs } = this.args(e, sc);
    return (own(FILTERS, e.n) ?? fail('TemplateAssertionError', `No filter named '${e.n}'.`))(operand, args, kwargs, this.autoescape);
  }
  private applyFilters(chain: Expr, body: string, sc: Scope): Value {
    if (chain.k !== 'filter') return body;
    const inner = chain.o ? this.applyFilters(chain.o, body, sc) : this.autoescape ? new Markup(body) : body;
    return this.filter(chain, inner, sc);
  }

  private capture(body: Stmt[], sc: Scope): string {
    const buf: string[] = [];
    this.exec(body, sc, (s) => buf.push(s));
    return buf.join('');
  }
  private result(s: string): Value {
    return this.autoescape ? new Markup(s) : s;
  }

  callMacro(m: Macro, args: Value[], kwargs: Kwargs, caller?: Macro): Value {
    const { def } = m;
    const local = new Map<string, Value>();
    const inner: Scope = [...m.scope, local];
    const rest = new Map(kwargs);
    if (caller) rest.set('caller', caller);
    def.params.forEach((p, i) => {
      if (i < args.length) {
        if (rest.has(p.name)) fail('TypeError', `macro '${def.name}' got multiple values for argument '${p.name}'`);
        local.set(p.name, args[i]);
      } else if (rest.has(p.name)) {
        local.set(p.name, rest.get(p.name)!);
        rest.delete(p.name);
      } else local.set(p.name, p.dflt ? this.ev(p.dflt, inner) : new Undefined(p.name, undefined, `parameter '${p.name}' was not provided`));
    });
    if (def.usesCaller) {
      local.set('caller', rest.get('caller') ?? new Undefined('caller', undefined, 'No caller defined'));
      rest.delete('caller');
    }
    const extra = args.slice(def.params.length);
    if (def.usesVarargs) local.set('varargs', new Tuple(extra));
    else if (extra.length) fail('TypeError', `macro '${def.name}' takes not more than ${def.params.length} argument(s)`);
    rest.delete('caller');
    if (def.usesKwargs) local.set('kwargs', new Map(rest));
    else if (rest.size) fail('TypeError', `macro '${def.name}' takes no keyword argument '${rest.keys().next().value}'`);
    if (++this.depth > MAX_MACRO_DEPTH) fail('RecursionError', 'maximum recursion depth exceeded');
    try {
      return this.result(this.capture(def.body, inner));
    } finally {
      this.depth--;
    }
  }

  private output(v: Value): string {
    return this.autoescape ? escape(v).s : pyStr(v);
  }

  private exec(body: Stmt[], sc: Scope, sink: Sink): void {
    for (const st of body) {
      switch (st.s) {
        case 'text':
          sink(st.v);
          break;
        case 'output':
          sink(this.output(this.ev(st.e, sc)));
          break;
        case 'if': {
          const hit = st.branches.find(([test]) => truthy(this.ev(test, sc)));
          this.exec(hit ? hit[1] : st.else, sc, sink);
          break;
        }
        case 'for':
          this.loop(st, sc, sink, this.ev(st.iter, sc), 0);
          break;
        case 'set':
          this.assign(sc, st.target, this.ev(st.e, sc));
          break;
        case 'setblock': {
          const text = this.capture(st.body, sc);
          this.assign(sc, st.target, st.filter ? this.applyFilters(st.filter, text, sc) : this.result(text));
          break;
        }
        case 'macro':
          sc[sc.length - 1].set(st.def.name, new Macro(this, st.def, sc));
          break;
        case 'callblock': {
          const callee = this.ev(st.call.f, sc);
          const { args, kwargs } = this.args(st.call, sc);
          const caller = new Macro(this, st.def, sc);
          sink(
            this.output(
              callee instanceof Macro ? this.callMacro(callee, args, kwargs, caller) : this.call(callee, args, new Map([...kwargs, ['caller', caller]])),
            ),
          );
          break;
        }
        case 'filterblock':
          sink(this.output(this.applyFilters(st.filter, this.capture(st.body, [...sc, new Map()]), sc)));
          break;
        case 'with': {
          const local = new Map<string, Value>();
          const inner = [...sc, local];
          for (const [t, e] of st.assigns) this.assign(inner, t, this.ev(e, sc));
          this.exec(st.body, inner, sink);
          break;
        }
        case 'block':
          this.exec(st.body, [...sc, new Map()], sink);
          break;
        case 'autoescape': {
          const saved = this.autoescape;
          this.autoescape = truthy(this.ev(st.e, sc));
          try {
            this.exec(st.body, sc, sink);
          } finally {
            this.autoescape = saved;
          }
          break;
        }
        case 'load':
          fail('TypeError', 'no loader for this environment specified');
      }
    }
  }

  private loop(st: Extract<Stmt, { s: 'for' }>, sc: Scope, sink: Sink, iterable: Value, depth0: number): void {
    let seq: Seq;
    if (iterable instanceof PyRange && !st.filter) seq = iterable;
    else {
      let items = iterate(iterable);
      if (st.filter) {
        const probe: Scope = [...sc, new Map()];
        const filter = st.filter;
        items = items.filter((x) => {
          this.assign(probe, st.target, x);
          return truthy(this.ev(filter, probe));
        });
      }
      seq = { length: items.length, at: (i) => items[i] };
    }
    if (!seq.length) {
      this.exec(st.else, sc, sink);
      return;
    }
    const recurse = st.recursive
      ? (items: Value, d: number) => {
          const buf: string[] = [];
          this.loop(st, sc, (s) => buf.push(s), items, d);
          return buf.join('');
        }
      : null;
    const ctx = new LoopContext(seq, depth0, recurse && ((items, d) => pyStr(this.result(recurse(items, d)))));
    // Each iteration has its own scope: a `set` in one is not seen by the next (as in Jinja2).
    for (let i = 0; i < seq.length; i++) {
      ctx.index0 = i;
      const inner: Scope = [...sc, new Map<string, Value>([['loop', ctx]])];
      this.assign(inner, st.target, seq.at(i));
      this.exec(st.body, inner, sink);
    }
  }
}

function collectBlocks(body: Stmt[], into: Map<string, Stmt[]>): void {
  for (const st of body) {
    if (st.s === 'block' && !into.has(st.name)) into.set(st.name, st.body);
    for (const child of childBodies(st)) collectBlocks(child, into);
  }
}
function childBodies(st: Stmt): Stmt[][] {
  switch (st.s) {
    case 'if':
      return [...st.branches.map(([, b]) => b), st.else];
    case 'for':
      return [st.body, st.else];
    case 'setblock':
    case 'filterblock':
    case 'with':
    case 'block':
    case 'autoescape':
      return [st.body];
    default:
      return [];
  }
}
