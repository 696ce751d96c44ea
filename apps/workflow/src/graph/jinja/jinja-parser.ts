import type { JinjaItem, JinjaTok } from './jinja-lexer';

/**
 * Parses jinjaLex() items into a small JSON-able AST. The function is self-contained (no imports,
 * no closures over module scope) because its source text is loaded into the template sandbox's
 * isolate: it must never run on host data.
 */
export function jinjaParse(items: JinjaItem[]): any {
  const fail = (msg: string): never => {
    throw new Error(`TemplateSyntaxError: ${msg}`);
  };
  type Tok = JinjaTok;

  // --- expressions ---
  let toks: Tok[] = [];
  let i = 0;
  const peek = (k = 0) => toks[i + k];
  const isOp = (v: string, k = 0) => peek(k)?.t === 'op' && peek(k).v === v;
  const isName = (v: string, k = 0) => peek(k)?.t === 'name' && peek(k).v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) fail(`expected '${v}'${peek() ? `, got '${peek().v}'` : ''}`);
    i++;
  };
  const ident = (): string => {
    if (peek()?.t !== 'name') fail(`expected a name${peek() ? `, got '${peek().v}'` : ''}`);
    return toks[i++].v;
  };

  const expr = (): any => {
    const e = orExpr();
    if (isName('if')) {
      i++;
      const c = orExpr();
      let f: any = { k: 'lit', v: undefined };
      if (isName('else')) {
        i++;
        f = expr();
      }
      return { k: 'cond', c, t: e, f };
    }
    return e;
  };
  const orExpr = (): any => {
    let a = andExpr();
    while (isName('or')) {
      i++;
      a = { k: 'or', a, b: andExpr() };
    }
    return a;
  };
  const andExpr = (): any => {
    let a = notExpr();
    while (isName('and')) {
      i++;
      a = { k: 'and', a, b: notExpr() };
    }
    return a;
  };
  const notExpr = (): any => {
    if (isName('not')) {
      i++;
      return { k: 'not', a: notExpr() };
    }
    return compare();
  };
  const CMP = ['==', '!=', '<', '>', '<=', '>='];
  const compare = (): any => {
    const first = add();
    const ops: [string, any][] = [];
    for (;;) {
      if (peek()?.t === 'op' && CMP.includes(peek().v)) {
        const op = toks[i++].v;
        ops.push([op, add()]);
      } else if (isName('in')) {
        i++;
        ops.push(['in', add()]);
      } else if (isName('not') && isName('in', 1)) {
        i += 2;
        ops.push(['notin', add()]);
      } else break;
    }
    return ops.length ? { k: 'cmp', first, ops } : first;
  };
  const add = (): any => {
    let a = concat();
    while (isOp('+') || isOp('-')) a = { k: 'bin', op: toks[i++].v, a, b: concat() };
    return a;
  };
  const concat = (): any => {
    let a = mul();
    while (isOp('~')) {
      i++;
      a = { k: 'bin', op: '~', a, b: mul() };
    }
    return a;
  };
  const mul = (): any => {
    let a = pow();
    while (isOp('*') || isOp('/') || isOp('//') || isOp('%')) a = { k: 'bin', op: toks[i++].v, a, b: pow() };
    return a;
  };
  const pow = (): any => {
    let a = unary();
    while (isOp('**')) {
      i++;
      a = { k: 'bin', op: '**', a, b: unary() };
    }
    return a;
  };
  const unary = (): any => {
    if (isOp('-') || isOp('+')) {
      const op = toks[i++].v;
      return { k: 'neg', op, a: unary() };
    }
    return postfix(primary());
  };
  const args = (): { args: any[]; kwargs: [string, any][] } => {
    const out = { args: [] as any[], kwargs: [] as [string, any][] };
    expectOp('(');
    while (!isOp(')')) {
      if (peek()?.t === 'name' && isOp('=', 1)) {
        const n = ident();
        i++;
        out.kwargs.push([n, expr()]);
      } else out.args.push(expr());
      if (!isOp(')')) expectOp(',');
    }
    i++;
    return out;
  };
  const postfix = (e: any): any => {
    for (;;) {
      if (isOp('.')) {
        i++;
        const p = peek();
        if (p?.t === 'num') {
          i++;
          e = { k: 'item', o: e, i: { k: 'lit', v: p.v } };
        } else e = { k: 'attr', o: e, n: ident() };
      } else if (isOp('[')) {
        i++;
        const parts: any[] = [null];
        let slice = false;
        while (!isOp(']')) {
          if (isOp(':')) {
            i++;
            slice = true;
            parts.push(null);
          } else parts[parts.length - 1] = expr();
        }
        i++;
        e = slice ? { k: 'slice', o: e, a: parts[0], b: parts[1] ?? null, s: parts[2] ?? null } : { k: 'item', o: e, i: parts[0] };
      } else if (isOp('(')) {
        e = { k: 'call', f: e, ...args() };
      } else if (isOp('|')) {
        i++;
        const n = ident();
        e = { k: 'filter', o: e, n, ...(isOp('(') ? args() : { args: [], kwargs: [] }) };
      } else if (isName('is')) {
        i++;
        let neg = false;
        if (isName('not')) {
          i++;
          neg = true;
        }
        const n = peek()?.t === 'op' && CMP.includes(peek().v) ? toks[i++].v : ident();
        let a = { args: [] as any[], kwargs: [] as [string, any][] };
        if (isOp('(')) a = args();
        else if (peek() && (peek().t === 'num' || peek().t === 'str' || (peek().t === 'name' && !['and', 'or', 'else', 'if', 'not', 'in', 'is'].includes(peek().v)))) a.args.push(primary());
        e = { k: 'test', o: e, n, neg, args: a.args };
      } else return e;
    }
  };
  const primary = (): any => {
    const tk = toks[i++];
    if (!tk) fail('unexpected end of expression');
    if (tk.t === 'num' || tk.t === 'str') {
      let v = tk.v;
      while (tk.t === 'str' && peek()?.t === 'str') v += toks[i++].v;
      return tk.f ? { k: 'lit', v, float: true } : { k: 'lit', v };
    }
    if (tk.t === 'name') {
      if (['true', 'True'].includes(tk.v)) return { k: 'lit', v: true };
      if (['false', 'False'].includes(tk.v)) return { k: 'lit', v: false };
      if (['none', 'None'].includes(tk.v)) return { k: 'lit', v: null };
      return { k: 'name', n: tk.v };
    }
    if (tk.v === '(') {
      if (isOp(')')) {
        i++;
        return { k: 'list', items: [] };
      }
      const first = expr();
      if (isOp(')')) {
        i++;
        return first;
      }
      const list = [first];
      while (isOp(',')) {
        i++;
        if (isOp(')')) break;
        list.push(expr());
      }
      expectOp(')');
      return { k: 'list', items: list };
    }
    if (tk.v === '[') {
      const list: any[] = [];
      while (!isOp(']')) {
        list.push(expr());
        if (!isOp(']')) expectOp(',');
      }
      i++;
      return { k: 'list', items: list };
    }
    if (tk.v === '{') {
      const pairs: [any, any][] = [];
      while (!isOp('}')) {
        const key = expr();
        expectOp(':');
        pairs.push([key, expr()]);
        if (!isOp('}')) expectOp(',');
      }
      i++;
      return { k: 'dict', pairs };
    }
    return fail(`unexpected '${tk.v}'`);
  };
  const fullExpr = (ts: Tok[], from = 0): any => {
    toks = ts;
    i = from;
    const e = expr();
    if (i < toks.length) fail(`unexpected '${toks[i].v}'`);
    return e;
  };
  /** `a`, `a, b` or `ns.attr`: what set and for assign to. */
  const target = (): any => {
    const first = ident();
    if (isOp('.')) {
      i++;
      return { ns: first, attr: ident() };
    }
    const names = [first];
    while (isOp(',')) {
      i++;
      names.push(ident());
    }
    return { names };
  };

  /** `(a, b=1)`: the parameters of a macro or of a call block's caller. */
  const params = (): [string, any][] => {
    const out: [string, any][] = [];
    expectOp('(');
    while (!isOp(')')) {
      const n = ident();
      if (n.startsWith('__')) fail(`parameter name '${n}' is not allowed`);
      let def: any = null;
      if (isOp('=')) {
        i++;
        def = expr();
      }
      out.push([n, def]);
      if (!isOp(')')) expectOp(',');
    }
    i++;
    return out;
  };

  // --- statements ---
  let at = 0;
  // How many for-loops enclose the statement being parsed: break/continue need one (a macro body starts afresh).
  let loops = 0;
  const detached = <T>(f: () => T): T => {
    const saved = loops;
    loops = 0;
    try {
      return f();
    } finally {
      loops = saved;
    }
  };
  const parseBody = (ends: string[]): { body: any[]; end: string; tag: Tok[] } => {
    const body: any[] = [];
    while (at < items.length) {
      const it = items[at++];
      if (it.kind === 'text') body.push({ s: 'text', v: it.v });
      else if (it.kind === 'out') body.push({ s: 'out', e: fullExpr(it.toks) });
      else {
        const word = it.toks[0]?.v;
        if (ends.includes(word)) return { body, end: word, tag: it.toks };
        body.push(statement(it.toks));
      }
    }
    if (ends.length) fail(`missing {% ${ends[ends.length - 1]} %}`);
    return { body, end: '', tag: [] };
  };
  const statement = (ts: Tok[]): any => {
    const word = ts[0]?.t === 'name' ? ts[0].v : '';
    if (word === 'if') {
      const branches: [any, any[]][] = [];
      let cond = fullExpr(ts, 1);
      let elseBody: any[] = [];
      for (;;) {
        const r = parseBody(['elif', 'else', 'endif']);
        branches.push([cond, r.body]);
        if (r.end === 'elif') cond = fullExpr(r.tag, 1);
        else if (r.end === 'else') {
          elseBody = parseBody(['endif']).body;
          break;
        } else break;
      }
      return { s: 'if', branches, else: elseBody };
    }
    if (word === 'for') {
      toks = ts;
      i = 1;
      const tgt = target();
      if (!isName('in')) fail("expected 'in' in for loop");
      i++;
      const iter = orExpr();
      let filter = null;
      if (isName('if')) {
        i++;
        filter = orExpr();
      }
      if (i < toks.length) fail(`unexpected '${toks[i].v}' in for loop`);
      loops++;
      const r = parseBody(['else', 'endfor']);
      loops--;
      const elseBody = r.end === 'else' ? parseBody(['endfor']).body : [];
      return { s: 'for', target: tgt, iter, filter, body: r.body, else: elseBody };
    }
    if (word === 'set') {
      toks = ts;
      i = 1;
      const tgt = target();
      if (i >= toks.length) {
        if (!tgt.names || tgt.names.length !== 1) fail('block set needs one name');
        return { s: 'setblock', name: tgt.names[0], body: parseBody(['endset']).body };
      }
      expectOp('=');
      const values = [expr()];
      while (isOp(',')) {
        i++;
        values.push(expr());
      }
      if (i < toks.length) fail(`unexpected '${toks[i].v}'`);
      return { s: 'set', target: tgt, e: values.length > 1 ? { k: 'list', items: values } : values[0] };
    }
    if (word === 'filter') {
      toks = ts;
      i = 1;
      const n = ident();
      const a = isOp('(') ? args() : { args: [], kwargs: [] };
      return { s: 'filter', n, ...a, body: parseBody(['endfilter']).body };
    }
    if (word === 'break' || word === 'continue') {
      if (ts.length > 1) fail(`unexpected '${ts[1].v}' after ${word}`);
      if (!loops) fail(`'${word}' outside of a for loop`);
      return { s: word };
    }
    if (word === 'macro') {
      toks = ts;
      i = 1;
      const name = ident();
      if (name.startsWith('__')) fail(`macro name '${name}' is not allowed`);
      const ps = params();
      if (i < toks.length) fail(`unexpected '${toks[i].v}' in macro`);
      return { s: 'macro', name, params: ps, body: detached(() => parseBody(['endmacro']).body) };
    }
    if (word === 'call') {
      toks = ts;
      i = 1;
      const ps = isOp('(') ? params() : [];
      const call = expr();
      if (i < toks.length) fail(`unexpected '${toks[i].v}' in call block`);
      if (call.k !== 'call') fail('call block expects a macro call');
      return { s: 'callblock', call, params: ps, body: detached(() => parseBody(['endcall']).body) };
    }
    return fail(`unknown tag '${word || (ts[0]?.v ?? '')}'`);
  };
  return parseBody([]).body;
}
