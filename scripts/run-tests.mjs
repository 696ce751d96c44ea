#!/usr/bin/env node
// Runs the compiled test files with node's built-in test runner, the console's client unit tests
// (vitest) and the browser tests (playwright-core driving Debian's Chromium).
// Usage: node scripts/run-tests.mjs [unit|integration|e2e|console|browser|<path filter>] (after `npm run build`).
//   unit: the node unit tests and the console's vitest suite; no argument: unit, integration and e2e, then the console's vitest suite, then the browser suite
//   (apart, so that Chromium does not share the two cores with the busiest end-to-end files).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

// A hung test, or a file whose process never exits (a stray handle), fails by name after TEST_TIMEOUT_MS (the
// limit applies to each file as well as to each test) instead of silently holding the run, and every file
// reported after it, until CI's own limit. Not --test-force-exit: with it, a file whose tests had all passed
// failed once as its process was made to exit (most likely while an isolated-vm isolate was being disposed).
const TEST_TIMEOUT_MS = process.env.TEST_TIMEOUT_MS ?? 240_000;

function nodeTests(files, concurrency = process.env.TEST_CONCURRENCY ?? 2) {
  const res = spawnSync(
    process.execPath,
    [
      '--enable-source-maps',
      '--no-node-snapshot',
      '--test',
      `--test-timeout=${TEST_TIMEOUT_MS}`,
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      ...files,
    ],
    { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'test' } },
  );
  return res.status ?? 1;
}

function consoleTests() {
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const res = spawnSync(process.execPath, [vitest, 'run', '--config', join(root, 'apps', 'console', 'vitest.config.mts')], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test' },
  });
  return res.status ?? 1;
}

function browserTests(files) {
  const setup = spawnSync('bash', [join(root, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) return setup.status ?? 1;
  const t0 = Date.now();
  const rc = nodeTests(files, process.env.BROWSER_TEST_CONCURRENCY ?? 2);
  console.log(`browser suite: ${((Date.now() - t0) / 1000).toFixed(1)}s wall`);
  return rc;
}

const unit = [...walk(join(dist, 'apps')), ...walk(join(dist, 'libs'))];
const integration = walk(join(dist, 'test', 'integration'));
const e2e = walk(join(dist, 'test', 'e2e'));
const browser = walk(join(dist, 'test', 'browser'));

let rc = 0;
if (!filter) {
  rc = nodeTests([...unit, ...integration, ...e2e]);
  rc = consoleTests() || rc;
  if (browser.length) rc = browserTests(browser) || rc;
} else if (filter === 'unit') {
  rc = nodeTests(unit);
  rc = consoleTests() || rc;
} else if (filter === 'console') {
  rc = consoleTests();
} else if (filter === 'browser') {
  rc = browserTests(browser);
} else {
  const files = filter === 'integration' ? integration : filter === 'e2e' ? e2e : [...unit, ...integration, ...e2e].filter((f) => f.includes(filter));
  const browserFiles = browser.filter((f) => f.includes(filter));
  if (files.length === 0 && browserFiles.length === 0) {
    console.error(`no test files matched ${filter} under ${dist}`);
    process.exit(1);
  }
  if (files.length) rc = nodeTests(files);
  if (browserFiles.length) rc = browserTests(browserFiles) || rc;
}
process.exit(rc);
