import type { Value } from './values';

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '~';
export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in' | 'notin';
export type Arg = { name: string | null; value: Expr };
export interface Call {
  args: Expr[];
  kwargs: [string, Expr][];
  /** `*xs` and `**kw` in a call. */
  star: Expr | null;
  dstar: Expr | null;
}

export type Expr =
  | { k: 'const'; v: Value }
  | { k: 'name'; n: string }
  | { k: 'tuple' | 'list'; items: Expr[] }
  | { k: 'dict'; pairs: [Expr, Expr][] }
  | { k: 'getattr'; o: Expr; n: string }
  | { k: 'getitem'; o: Expr; i: Expr }
  | { k: 'slice'; o: Expr; start: Expr | null; stop: Expr | null; step: Expr | null }
  | ({ k: 'call'; f: Expr } & Call)
  /** `o` is null for the filters of a `{% filter %}` block or `{% set x | f %}`: the body goes there. */
  | ({ k: 'filter'; o: Expr | null; n: string } & Call)
  | ({ k: 'test'; o: Expr; n: string } & Call)
  | { k: 'neg' | 'pos' | 'not'; a: Expr }
  | { k: 'bin'; op: BinaryOp; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr | null }
  | { k: 'compare'; first: Expr; ops: [CompareOp, Expr][] };

export type Target = { t: 'name'; n: string } | { t: 'tuple'; items: Target[] } | { t: 'ns'; n: string; attr: string };
export type Param = { name: string; dflt: Expr | null };

export interface MacroDef {
  name: string;
  params: Param[];
  body: Stmt[];
  /** Whether the body names `caller`, `varargs` or `kwargs` (as Jinja2 decides what a macro accepts). */
  usesCaller: boolean;
  usesVarargs: boolean;
  usesKwargs: boolean;
}

export type Stmt =
  | { s: 'text'; v: string }
  | { s: 'output'; e: Expr }
  | { s: 'if'; branches: [Expr, Stmt[]][]; else: Stmt[] }
  | { s: 'for'; target: Target; iter: Expr; filter: Expr | null; recursive: boolean; body: Stmt[]; else: Stmt[] }
  | { s: 'set'; target: Target; e: Expr }
  | { s: 'setblock'; target: Target; filter: Expr | null; body: Stmt[] }
  | { s: 'macro'; def: MacroDef }
  | { s: 'callblock'; call: Extract<Expr, { k: 'call' }>; def: MacroDef }
  | { s: 'filterblock'; filter: Expr; body: Stmt[] }
  | { s: 'with'; assigns: [Target, Expr][]; body: Stmt[] }
  | { s: 'block'; name: string; body: Stmt[] }
  | { s: 'autoescape'; e: Expr; body: Stmt[] }
  /** extends / include / import / from: templates rendered from a string have no loader. */
  | { s: 'load' };
