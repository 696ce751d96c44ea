import type { Stmt } from './ast';
import { FILTER_NAMES } from './filters';
import { lex } from './lexer';
import { parse } from './parser';
import { Renderer } from './runtime';
import { TESTS } from './tests';
import { type Dict, fromJson } from './values';

const NAMES = { filters: FILTER_NAMES, tests: new Set(Object.keys(TESTS)) };
/** Parsed templates by source: a workflow renders the same few templates over and over. */
const parsed = new Map<string, Stmt[]>();
const PARSED_MAX = 64;

function compile(source: string): Stmt[] {
  let ast = parsed.get(source);
  if (ast) {
    parsed.delete(source);
  } else {
    ast = parse(lex(source), NAMES);
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(source, ast);
  return ast;
}

/**
 * Renders a Jinja2 template as Python's Jinja2 would with a default Environment (what Dify's
 * sandbox uses). Output past `maxLength` characters fails early instead of filling memory.
 */
export function renderTemplate(source: string, vars: Dict, maxLength: number): string {
  return new Renderer(maxLength).render(compile(source), vars);
}

/** The same with the variables as JSON text: what crosses into the isolate. */
export function renderJson(source: string, varsJson: string, maxLength: number): string {
  return renderTemplate(source, fromJson(varsJson), maxLength);
}
