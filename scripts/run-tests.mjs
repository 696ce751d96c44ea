#!/usr/bin/env node
// Runs the compiled test files with node's built-in test runner.
// Usage: node scripts/run-tests.mjs [unit|integration|e2e|<path filter>] (after `npm run build`).
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(new URL('..', import.meta.url).pathname);
const dist = resolve(root, process.env.SLUICE_DIST ?? 'dist');
const filter = process.argv[2];

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.spec.js')) out.push(p);
  }
  return out;
}
const unit = [...walk(join(dist, 'apps')), ...walk(join(dist, 'libs'))];
const integration = walk(join(dist, 'test', 'integration'));
const e2e = walk(join(dist, 'test', 'e2e'));
let files;
if (!filter) files = [...unit, ...integration, ...e2e];
else if (filter === 'unit') files = unit;
else if (filter === 'integration') files = integration;
else if (filter === 'e2e') files = e2e;
else files = [...unit, ...integration, ...e2e].filter((f) => f.includes(filter));
if (files.length === 0) {
  console.error(`no test files matched ${filter ?? '(all)'} under ${dist}`);
  process.exit(1);
}
const res = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--no-node-snapshot', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(res.status ?? 1);
