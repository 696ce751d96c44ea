import type { Expr, MacroDef, Param, Stmt, Target } from './ast';
import { ExprParser, type Names, describe, syntax } from './expr-parser';
import type { Item, Token } from './lexer';

export type { Names } from './expr-parser';

/** Parses lexed items into statements; unknown filters and tests fail here, as Jinja2 fails at compile time. */
export function parse(items: Item[], names: Names): Stmt[] {
  let at = 0;
  const expr = (tokens: Token[], where: 'print statement' | 'statement block') => new ExprParser(tokens, names, where);

  const body = (ends: string[], open: string): { body: Stmt[]; end: string; p: ExprParser } => {
    const out: Stmt[] = [];
    while (at < items.length) {
      const it = items[at++];
      if (it.kind === 'text') out.push({ s: 'text', v: it.text });
      else if (it.kind === 'output') {
        const p = expr(it.tokens, 'print statement');
        const e = p.tuple();
        p.end();
        out.push({ s: 'output', e });
      } else {
        const p = expr(it.tokens, 'statement block');
        const word = p.isName() ? p.peek()!.value : '';
        if (ends.includes(word)) {
          p.name();
          return { body: out, end: word, p };
        }
        out.push(statement(p, word, ends, open));
      }
    }
    if (ends.length)
      syntax(
        `Unexpected end of template. Jinja was looking for the following tags: ${ends.map((e) => `'${e}'`).join(' or ')}. The innermost block that needs to be closed is '${open}'.`,
      );
    return { body: out, end: '', p: expr([], 'statement block') };
  };

  const macroDef = (name: string, params: Param[], stmts: Stmt[]): MacroDef => {
    const json = JSON.stringify(stmts, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const uses = (n: string) => json.includes(`{"k":"name","n":"${n}"}`);
    return { name, params, body: stmts, usesCaller: uses('caller'), usesVarargs: uses('varargs'), usesKwargs: uses('kwargs') };
  };
  const params = (p: ExprParser): Param[] => {
    const out: Param[] = [];
    p.expectOp('(');
    while (!p.isOp(')')) {
      if (out.length) p.expectOp(',');
      const name = p.name();
      out.push({ name, dflt: p.skipOp('=') ? p.expression() : null });
    }
    p.expectOp(')');
    return out;
  };

  const statement = (p: ExprParser, word: string, ends: string[], open: string): Stmt => {
    const unknown = () =>
      syntax(
        ends.length
          ? `Encountered unknown tag '${word || p.peek()?.value}'. Jinja was looking for the following tags: ${ends.map((e) => `'${e}'`).join(' or ')}. The innermost block that needs to be closed is '${open}'.`
          : `Encountered unknown tag '${word || p.peek()?.value}'.`,
      );
    if (!word) return unknown();
    p.name();
    switch (word) {
      case 'if': {
        const branches: [Expr, Stmt[]][] = [];
        let test = p.tuple(false);
        p.end();
        for (;;) {
          const r = body(['elif', 'else', 'endif'], 'if');
          branches.push([test, r.body]);
          if (r.end === 'elif') {
            test = r.p.tuple(false);
            r.p.end();
          } else if (r.end === 'else') {
            r.p.end();
            const e = body(['endif'], 'if');
            e.p.end();
            return { s: 'if', branches, else: e.body };
          } else {
            r.p.end();
            return { s: 'if', branches, else: [] };
          }
        }
      }
      case 'for': {
        const target = p.target(['in']);
        if (!p.skipName('in')) syntax(`expected token 'in', got ${describe(p.peek(), 'statement block')}`);
        const iter = p.tuple(false, ['recursive']);
        const filter = p.skipName('if') ? p.expression() : null;
        const recursive = p.skipName('recursive');
        p.end();
        const r = body(['endfor', 'else'], 'for');
        r.p.end();
        let elseBody: Stmt[] = [];
        if (r.end === 'else') {
          const e = body(['endfor'], 'for');
          e.p.end();
          elseBody = e.body;
        }
        return { s: 'for', target, iter, filter, recursive, body: r.body, else: elseBody };
      }
      case 'set': {
        const target = p.target();
        if (p.skipOp('=')) {
          const e = p.tuple();
          p.end();
          return { s: 'set', target, e };
        }
        const filter = p.isOp('|') ? p.filters(null) : null;
        p.end();
        const r = body(['endset'], 'set');
        r.p.end();
        return { s: 'setblock', target, filter, body: r.body };
      }
      case 'macro': {
        const name = p.name();
        const ps = params(p);
        p.end();
        const r = body(['endmacro'], 'macro');
        if (r.p.isName()) r.p.name();
        r.p.end();
        return { s: 'macro', def: macroDef(name, ps, r.body) };
      }
      case 'call': {
        const ps = p.isOp('(') ? params(p) : [];
        const call = p.expression();
        p.end();
        if (call.k !== 'call') return syntax('expected call');
        const r = body(['endcall'], 'call');
        r.p.end();
        return { s: 'callblock', call, def: macroDef('caller', ps, r.body) };
      }
      case 'filter': {
        const filter = p.filters(null, true);
        p.end();
        const r = body(['endfilter'], 'filter');
        r.p.end();
        return { s: 'filterblock', filter, body: r.body };
      }
      case 'with': {
        const assigns: [Target, Expr][] = [];
        while (!p.done) {
          if (assigns.length) p.expectOp(',');
          const t = p.target([], false);
          p.expectOp('=');
          assigns.push([t, p.expression()]);
        }
        const r = body(['endwith'], 'with');
        r.p.end();
        return { s: 'with', assigns, body: r.body };
      }
      case 'block': {
        const name = p.name();
        while (p.skipName('scoped') || p.skipName('required'));
        p.end();
        const r = body(['endblock'], 'block');
        if (r.p.isName()) r.p.name();
        r.p.end();
        return { s: 'block', name, body: r.body };
      }
      case 'autoescape': {
        const e = p.expression();
        p.end();
        const r = body(['endautoescape'], 'autoescape');
        r.p.end();
        return { s: 'autoescape', e, body: r.body };
      }
      case 'extends':
      case 'include':
      case 'import':
      case 'from':
        return { s: 'load' };
    }
    return unknown();
  };

  return body([], '').body;
}
