import type { Call, CompareOp, Expr, Target } from './ast';
import { fail } from './errors';
import type { Token } from './lexer';
import { type Value, float, int } from './values';

export interface Names {
  filters: ReadonlySet<string>;
  tests: ReadonlySet<string>;
}

const CONSTANTS = new Map<string, Value>([
  ['true', true],
  ['True', true],
  ['false', false],
  ['False', false],
  ['none', null],
  ['None', null],
]);
export const syntax = (msg: string): never => fail('TemplateSyntaxError', msg);
export const describe = (t: Token | undefined, where: string) => (t ? `'${t.value}'` : `'end of ${where}'`);

/** Parses a number token's source as Jinja2 does (underscores, 0x/0o/0b, big ints). */
function numberValue(t: Token): Value {
  const s = t.value.replace(/_/g, '');
  if (t.type === 'float') return float(Number(s));
  const radix = /^0[xX]/.test(s) ? 16 : /^0[oO]/.test(s) ? 8 : /^0[bB]/.test(s) ? 2 : 10;
  const n = radix === 10 ? BigInt(s) : BigInt(s.slice(0, 2).toLowerCase() + s.slice(2));
  return int(n);
}

export /** Recursive descent over one tag's or output's tokens, with Jinja2's operator precedence. */
class ExprParser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly names: Names,
    private readonly where: 'print statement' | 'statement block',
  ) {}

  get done(): boolean {
    return this.i >= this.toks.length;
  }
  peek(k = 0): Token | undefined {
    return this.toks[this.i + k];
  }
  isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.type === 'op' && t.value === v;
  }
  isName(v?: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.type === 'name' && (v === undefined || t.value === v);
  }
  skipOp(v: string): boolean {
    if (!this.isOp(v)) return false;
    this.i++;
    return true;
  }
  skipName(v: string): boolean {
    if (!this.isName(v)) return false;
    this.i++;
    return true;
  }
  expectOp(v: string): void {
    if (!this.skipOp(v)) syntax(`expected token '${v}', got ${describe(this.peek(), this.where)}`);
  }
  name(): string {
    const t = this.peek();
    if (t?.type !== 'name') return syntax(`expected token 'name', got ${describe(t, this.where)}`);
    this.i++;
    return t.value;
  }
  end(): void {
    if (!this.done) syntax(`expected token 'end of ${this.where}', got '${this.peek()!.value}'`);
  }

  /** An expression, or several separated by commas (a tuple), as `for`, `if` and `set` take. */
  tuple(withCond = true, endNames: string[] = []): Expr {
    const items: Expr[] = [];
    let comma = false;
    for (;;) {
      if (items.length) {
        if (!this.skipOp(',')) break;
        comma = true;
      }
      if (this.done || this.isOp(')') || endNames.some((n) => this.isName(n)) || this.isOp('=')) {
        if (!items.length) syntax(`Expected an expression, got ${describe(this.peek(), this.where)}`);
        break;
      }
      items.push(withCond ? this.expression() : this.or());
    }
    return comma || !items.length ? { k: 'tuple', items } : items[0];
  }

  expression(): Expr {
    let e = this.or();
    while (this.skipName('if')) {
      const test = this.or();
      e = { k: 'cond', test, then: e, else: this.skipName('else') ? this.expression() : null };
    }
    return e;
  }
  private or(): Expr {
    let a = this.and();
    while (this.skipName('or')) a = { k: 'or', a, b: this.and() };
    return a;
  }
  private and(): Expr {
    let a = this.not();
    while (this.skipName('and')) a = { k: 'and', a, b: this.not() };
    return a;
  }
  private not(): Expr {
    return this.skipName('not') ? { k: 'not', a: this.not() } : this.compare();
  }
  private compare(): Expr {
    const first = this.math1();
    const ops: [CompareOp, Expr][] = [];
    for (;;) {
      const t = this.peek();
      if (t?.type === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.value)) {
        this.i++;
        ops.push([t.value as CompareOp, this.math1()]);
      } else if (this.skipName('in')) ops.push(['in', this.math1()]);
      else if (this.isName('not') && this.isName('in', 1)) {
        this.i += 2;
        ops.push(['notin', this.math1()]);
      } else break;
    }
    return ops.length ? { k: 'compare', first, ops } : first;
  }
  private math1(): Expr {
    let a = this.concat();
    while (this.isOp('+') || this.isOp('-')) a = { k: 'bin', op: this.toks[this.i++].value as '+' | '-', a, b: this.concat() };
    return a;
  }
  private concat(): Expr {
    let a = this.math2();
    while (this.skipOp('~')) a = { k: 'bin', op: '~', a, b: this.math2() };
    return a;
  }
  private math2(): Expr {
    let a = this.pow();
    while (['*', '/', '//', '%'].some((o) => this.isOp(o))) a = { k: 'bin', op: this.toks[this.i++].value as '*', a, b: this.pow() };
    return a;
  }
  private pow(): Expr {
    let a = this.unary();
    while (this.skipOp('**')) a = { k: 'bin', op: '**', a, b: this.unary() };
    return a;
  }
  private unary(withFilter = true): Expr {
    let e: Expr;
    if (this.skipOp('-')) e = { k: 'neg', a: this.unary(false) };
    else if (this.skipOp('+')) e = { k: 'pos', a: this.unary(false) };
    else e = this.primary();
    e = this.postfix(e);
    return withFilter ? this.filters(e) : e;
  }

  private primary(): Expr {
    const t = this.peek();
    if (!t) return syntax(`Expected an expression, got 'end of ${this.where}'`);
    this.i++;
    if (t.type === 'name') return CONSTANTS.has(t.value) ? { k: 'const', v: CONSTANTS.get(t.value)! } : { k: 'name', n: t.value };
    if (t.type === 'string') {
      let s = t.value;
      while (this.peek()?.type === 'string') s += this.toks[this.i++].value;
      return { k: 'const', v: s };
    }
    if (t.type === 'int' || t.type === 'float') return { k: 'const', v: numberValue(t) };
    if (t.value === '(') {
      if (this.skipOp(')')) return { k: 'tuple', items: [] };
      const e = this.tuple();
      this.expectOp(')');
      return e;
    }
    if (t.value === '[') {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        if (items.length) this.expectOp(',');
        if (this.isOp(']')) break;
        items.push(this.expression());
      }
      this.expectOp(']');
      return { k: 'list', items };
    }
    if (t.value === '{') {
      const pairs: [Expr, Expr][] = [];
      while (!this.isOp('}')) {
        if (pairs.length) this.expectOp(',');
        if (this.isOp('}')) break;
        const key = this.expression();
        this.expectOp(':');
        pairs.push([key, this.expression()]);
      }
      this.expectOp('}');
      return { k: 'dict', pairs };
    }
    return syntax(`unexpected '${t.value}'`);
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.skipOp('.')) {
        const t = this.peek();
        if (t?.type === 'int') {
          this.i++;
          e = { k: 'getitem', o: e, i: { k: 'const', v: numberValue(t) } };
        } else e = { k: 'getattr', o: e, n: this.name() };
      } else if (this.skipOp('[')) {
        const subs: Expr[] = [];
        while (!this.isOp(']')) {
          if (subs.length) this.expectOp(',');
          subs.push(this.subscript(e));
        }
        this.expectOp(']');
        if (subs.length === 1 && subs[0].k === 'slice') e = subs[0];
        else e = { k: 'getitem', o: e, i: subs.length === 1 ? subs[0] : { k: 'tuple', items: subs } };
      } else if (this.isOp('(')) e = { k: 'call', f: e, ...this.call() };
      else return e;
    }
  }
  private subscript(o: Expr): Expr {
    const parts: (Expr | null)[] = [null];
    let slice = false;
    while (!this.isOp(']') && !this.isOp(',')) {
      if (this.skipOp(':')) {
        slice = true;
        parts.push(null);
      } else if (parts[parts.length - 1] === null) parts[parts.length - 1] = this.expression();
      else syntax(`expected token ']', got '${this.peek()!.value}'`);
    }
    if (!slice) return parts[0] ?? syntax("expected an expression, got ']'");
    return { k: 'slice', o, start: parts[0], stop: parts[1] ?? null, step: parts[2] ?? null };
  }

  call(): Call {
    this.expectOp('(');
    const out: Call = { args: [], kwargs: [], star: null, dstar: null };
    while (!this.isOp(')')) {
      if (out.args.length || out.kwargs.length || out.star || out.dstar) this.expectOp(',');
      if (this.isOp(')')) break;
      if (this.skipOp('**')) out.dstar = this.expression();
      else if (this.skipOp('*')) out.star = this.expression();
      else if (this.isName() && this.isOp('=', 1)) {
        const n = this.name();
        this.i++;
        out.kwargs.push([n, this.expression()]);
      } else {
        if (out.kwargs.length || out.dstar) syntax('Invalid argument syntax');
        out.args.push(this.expression());
      }
    }
    this.expectOp(')');
    return out;
  }

  private dottedName(): string {
    let n = this.name();
    while (this.skipOp('.')) n += '.' + this.name();
    return n;
  }
  private noArgs(): Call {
    return { args: [], kwargs: [], star: null, dstar: null };
  }

  /** `| f(…)` filters and `is t …` tests after an operand; `inline`: a filter block's first filter has no `|`. */
  filters(e: Expr | null, inline = false): Expr {
    for (let first = true; ; first = false) {
      if ((first && inline) || this.skipOp('|')) {
        const n = this.dottedName();
        if (!this.names.filters.has(n)) fail('TemplateAssertionError', `No filter named '${n}'.`);
        e = { k: 'filter', o: e, n, ...(this.isOp('(') ? this.call() : this.noArgs()) };
      } else if (e && this.skipName('is')) {
        const neg = this.skipName('not');
        const n = this.dottedName();
        if (!this.names.tests.has(n)) fail('TemplateAssertionError', `No test named '${n}'.`);
        let call = this.noArgs();
        const t = this.peek();
        const startsArg = !!t && (t.type !== 'op' || t.value === '[' || t.value === '{') && !(t.type === 'name' && ['else', 'or', 'and'].includes(t.value));
        if (this.isOp('(')) call = this.call();
        else if (startsArg) {
          if (this.isName('is')) syntax('You cannot chain multiple tests with is');
          call.args.push(this.postfix(this.primary()));
        }
        e = { k: 'test', o: e, n, ...call };
        if (neg) e = { k: 'not', a: e };
      } else if (e && this.isOp('(')) e = { k: 'call', f: e, ...this.call() };
      else return e ?? syntax('expected a filter');
    }
  }

  /** What `for`, `set` and `with` assign to: names, tuples of them, or `ns.attr`. */
  target(endNames: string[] = [], allowNs = true): Target {
    const one = (): Target => {
      if (this.skipOp('(')) {
        const t = this.target([], false);
        this.expectOp(')');
        return t;
      }
      const n = this.name();
      if (allowNs && this.skipOp('.')) return { t: 'ns', n, attr: this.name() };
      if (CONSTANTS.has(n)) syntax(`Can't assign to '${n}'`);
      return { t: 'name', n };
    };
    const first = one();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.skipOp(',')) {
      if (this.done || this.isOp('=') || this.isOp(')') || endNames.some((n) => this.isName(n))) break;
      items.push(one());
    }
    return { t: 'tuple', items };
  }
}
