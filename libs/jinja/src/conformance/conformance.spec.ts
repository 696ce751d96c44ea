import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { renderJson } from '../engine/engine';
import { JinjaError } from '../engine/errors';
import { TemplateSandbox } from '../template-sandbox';
import fixtures from './jinja2-fixtures.json';

/**
 * Every case of jinja2-fixtures.json (rendered by real Jinja2 with scripts/jinja-fixtures.py)
 * must render to the same text, or fail with the same Python exception class.
 */
interface Case {
  id: string;
  template: string;
  vars?: Record<string, unknown>;
  output?: string;
  error?: string;
  message?: string;
}
const cases = fixtures.cases as Case[];
const varsOf = (c: Case) => JSON.stringify(c.vars ?? fixtures.vars);
// Python prints object addresses (`<built-in method upper of str object at 0x7f…>`); they differ per run.
const normalize = (s: string) => s.replace(/ at 0x[0-9a-f]+>/g, '>');

function mismatch(c: Case, render: (c: Case) => string): string | null {
  try {
    const out = render(c);
    if (c.error !== undefined) return `${c.id}: Jinja2 raises ${c.error} (${c.message}), got ${JSON.stringify(out)}`;
    return normalize(out) === normalize(c.output!)
      ? null
      : `${c.id}: ${JSON.stringify(c.template)}\n  want ${JSON.stringify(c.output)}\n  got  ${JSON.stringify(out)}`;
  } catch (err) {
    if (c.error === undefined) return `${c.id}: ${JSON.stringify(c.template)} raised ${(err as Error).message}, want ${JSON.stringify(c.output)}`;
    const kind = err instanceof JinjaError ? err.kind : (err as Error).message.split(':')[0];
    return kind === c.error ? null : `${c.id}: Jinja2 raises ${c.error}, got ${(err as Error).message}`;
  }
}

describe(`Jinja2 conformance (${cases.length} templates rendered by Jinja2 ${fixtures.jinja2})`, () => {
  const groups = [...new Set(cases.map((c) => c.id.replace(/-\d+$/, '')))];
  for (const group of groups) {
    it(group, () => {
      const failures = cases
        .filter((c) => c.id.startsWith(`${group}-`))
        .map((c) => mismatch(c, (x) => renderJson(x.template, varsOf(x), 400_000)))
        .filter((m) => m !== null);
      assert.deepEqual(failures, []);
    });
  }

  it('renders the same inside the template isolate', async () => {
    const sandbox = new TemplateSandbox();
    after(() => sandbox.onModuleDestroy());
    const failures: string[] = [];
    for (const c of cases) {
      let out: string | undefined;
      let error: Error | undefined;
      try {
        out = await sandbox.render(c.template, JSON.parse(varsOf(c)));
      } catch (err) {
        error = err as Error;
      }
      const m = mismatch(c, () => {
        if (error) throw error;
        return out!;
      });
      if (m) failures.push(m);
    }
    assert.deepEqual(failures, []);
  });
});
