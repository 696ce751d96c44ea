#!/usr/bin/env node
// Compiles the whole monorepo with tsc and writes tiny resolver shims so that
// `require('@sluice/<lib>')` works in the compiled output without a runtime path hook.
// Then builds the web console (scripts/build-console.mjs) into <outDir>/console.
// Usage: node scripts/build.mjs [outDir]   (default: dist)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const outDir = resolve(root, process.argv[2] ?? 'dist');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const res = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  stdio: 'inherit',
  cwd: root,
});
for (const lib of readdirSync(join(root, 'libs'))) {
  const target = join(outDir, 'libs', lib, 'src', 'index.js');
  const shimDir = join(outDir, 'node_modules', '@sluice', lib);
  mkdirSync(shimDir, { recursive: true });
  writeFileSync(join(shimDir, 'index.js'), `module.exports = require(${JSON.stringify(relative(shimDir, target))});\n`);
  if (!existsSync(target)) console.warn(`build: libs/${lib} has no src/index.ts`);
}
if (res.status !== 0) process.exit(res.status ?? 1);
// The gateway serves its OpenAPI document (/openapi.json, /docs); the image ships dist/ only.
mkdirSync(join(outDir, 'apps', 'gateway'), { recursive: true });
copyFileSync(join(root, 'apps', 'gateway', 'openapi.yaml'), join(outDir, 'apps', 'gateway', 'openapi.yaml'));
// The web console (apps/console) is built by Vite into <outDir>/console, only when its sources changed.
const consoleBuild = spawnSync(process.execPath, [join(root, 'scripts', 'build-console.mjs'), outDir], { stdio: 'inherit', cwd: root });
process.exit(consoleBuild.status ?? 1);
