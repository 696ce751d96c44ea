import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

// The console's first page must stay light: the JavaScript a browser loads before anything is shown
// (the entry chunk and everything it imports statically) is held to 300 KB gzip; areas load on demand.
const BUDGET_BYTES = 300 * 1024;
const dist = resolve(__dirname, '..', '..', 'console');

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  src?: string;
}

function initialChunks(manifest: Record<string, Chunk>): string[] {
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  assert.ok(entry, 'the manifest names an entry');
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k].imports ?? []) walk(i);
  };
  walk(entry!);
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
}

test(
  'the initial route loads at most 300 KB of gzipped JavaScript, and the areas are split off',
  { skip: !existsSync(join(dist, '.vite', 'manifest.json')) && 'console not built' },
  () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
    const files = initialChunks(manifest);
    const sizes = files.map((f) => ({ f, gz: gzipSync(readFileSync(join(dist, f)), { level: 9 }).length }));
    const total = sizes.reduce((s, x) => s + x.gz, 0);
    console.log(`console initial JS: ${(total / 1024).toFixed(1)} KB gzip in ${files.length} files`);
    assert.ok(total <= BUDGET_BYTES, `initial JS is ${(total / 1024).toFixed(1)} KB gzip (budget 300 KB): ${JSON.stringify(sizes)}`);
    const initialSources = Object.values(manifest)
      .filter((c) => files.includes(c.file))
      .map((c) => c.src ?? '');
    for (const area of ['workflow/workflow-page.tsx', 'knowledge/dataset-detail.tsx', 'webapp/web-app.tsx', 'chat/markdown.tsx']) {
      assert.ok(!initialSources.some((s) => s.endsWith(area)), `${area} is loaded on demand, not with the first page`);
    }
  },
);
