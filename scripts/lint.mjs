#!/usr/bin/env node
// `npm run lint`: ESLint (eslint.config.mjs), dependency-cruiser (.dependency-cruiser.cjs) and Prettier's
// check (.prettierrc.json, imports sorted), side by side. `npm run format` rewrites what the check refuses.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);

function run(name, args) {
  const t0 = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) => {
      console.log(`lint: ${name} ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
      done(code ?? 1);
    });
  });
}

const t0 = Date.now();
const codes = await Promise.all([
  run('eslint', [bin('eslint', 'bin/eslint.js'), '--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']),
  run('dependency-cruiser', [
    bin('dependency-cruiser', 'bin/dependency-cruise.mjs'),
    'apps',
    'libs',
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'err',
    '--cache',
    'node_modules/.cache/dependency-cruiser',
  ]),
  // The same files `npm run format` writes.
  run('prettier', [
    bin('prettier', 'bin/prettier.cjs'),
    '--check',
    '--log-level',
    'warn',
    '--cache',
    '--cache-location',
    'node_modules/.cache/prettier/.cache',
    '{apps,libs,test,bench,scripts}/**/*.{ts,tsx,mts,mjs,cjs}',
  ]),
]);
console.log(`lint: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
