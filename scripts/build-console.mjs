#!/usr/bin/env node
// Builds the web console (apps/console, React + Vite) into <outDir>/console, skipping the build when
// neither its sources nor the lockfile changed since the last one (a content hash stamp), so that
// `npm start` stays quick. Usage: node scripts/build-console.mjs [outDir] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const force = args.includes('--force');
const outDir = resolve(root, args.find((a) => !a.startsWith('--')) ?? 'dist');
const src = join(root, 'apps', 'console');
const target = join(outDir, 'console');
const stampFile = join(target, '.build-stamp');

function files(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

function consoleHash() {
  const h = createHash('sha256');
  for (const f of [...files(src), join(root, 'package-lock.json'), new URL(import.meta.url).pathname]) {
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

function run(label, argv) {
  const t0 = Date.now();
  const res = spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: root });
  if (res.status !== 0) {
    console.error(`console: ${label} failed`);
    process.exit(res.status ?? 1);
  }
  console.log(`console: ${label} ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

const hash = consoleHash();
const built = existsSync(join(target, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash;
if (built && !force) {
  console.log('console: up to date (sources unchanged), build skipped');
  process.exit(0);
}
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  // A production install (no devDependencies) serves whatever was built before.
  console.warn(`console: vite is not installed; ${existsSync(join(target, 'index.html')) ? 'keeping the existing build' : 'the console will not be served'}`);
  process.exit(0);
}
run('typecheck', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(src, 'tsconfig.json'), '--noEmit']);
run('vite build', [vite, 'build', '--config', join(src, 'vite.config.mts'), '--outDir', target, '--emptyOutDir', '--logLevel', 'warn']);
writeFileSync(stampFile, `${hash}\n`);
