#!/usr/bin/env node
// Pass counts of Jinja2 engines on the conformance fixtures (libs/jinja/src/conformance/jinja2-fixtures.json,
// rendered by real Jinja2 with scripts/jinja-fixtures.py). After `npm run build`:
//   node scripts/jinja-conformance.mjs                 the own engine (dist/)
//   npm i --no-save @huggingface/jinja && node scripts/jinja-conformance.mjs    also @huggingface/jinja
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(import.meta.url);
const fixtures = JSON.parse(readFileSync(resolve(root, 'libs/jinja/src/conformance/jinja2-fixtures.json'), 'utf8'));
const normalize = (s) => s.replace(/ at 0x[0-9a-f]+>/g, '>');

const engines = {};
const { renderJson } = require(resolve(root, process.env.SLUICE_DIST ?? 'dist', 'libs/jinja/src/engine/engine.js'));
engines.own = (tpl, vars) => renderJson(tpl, JSON.stringify(vars), 400_000);
try {
  const { Template } = require('@huggingface/jinja');
  engines['@huggingface/jinja'] = (tpl, vars) => new Template(tpl).render(structuredClone(vars));
} catch {
  console.log('@huggingface/jinja is not installed: npm i --no-save @huggingface/jinja to compare it');
}

for (const [name, render] of Object.entries(engines)) {
  let pass = 0;
  const groups = {};
  for (const c of fixtures.cases) {
    const group = c.id.replace(/-\d+$/, '');
    groups[group] ??= [0, 0];
    groups[group][1]++;
    let ok;
    try {
      const out = render(c.template, c.vars ?? fixtures.vars);
      ok = c.error === undefined && normalize(out) === normalize(c.output);
    } catch {
      ok = c.error !== undefined;
    }
    if (ok) {
      pass++;
      groups[group][0]++;
    }
  }
  console.log(
    `${name}: ${pass}/${fixtures.cases.length} agree with Jinja2 ${fixtures.jinja2} (${Object.entries(groups)
      .map(([g, [p, t]]) => `${g} ${p}/${t}`)
      .join(', ')})`,
  );
}
