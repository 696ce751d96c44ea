/**
 * The documentation an operator reads against the code it describes: README's settings table and
 * `.env.example` against the config schema, the Grafana dashboard against the metrics the processes
 * register, and no link that leads out of the repository.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { envSchema } from '@sluice/config';
import { registry } from '@sluice/observability';

let ROOT = __dirname;
while (!existsSync(join(ROOT, 'package-lock.json'))) ROOT = dirname(ROOT);
const read = (...p: string[]) => readFileSync(join(ROOT, ...p), 'utf8');
const SETTINGS = Object.keys(envSchema.shape);

/** The schema's default of a setting, as text ('' when it has none). */
function schemaDefault(name: string): string {
  let t: any = (envSchema.shape as Record<string, any>)[name];
  for (;;) {
    const kind = t._def.typeName;
    if (kind === 'ZodDefault') return String(t._def.defaultValue());
    if (kind === 'ZodEffects') t = t._def.schema;
    else return '';
  }
}

describe('settings documentation', () => {
  it("README's settings table lists every setting of the schema, and only those, with its default", () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
    const rows = section.split('\n').filter((l) => /^\| `[A-Z_]+`/.test(l));
    const documented = new Map<string, string>();
    for (const row of rows) {
      const [names, def] = row
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim());
      for (const m of names.matchAll(/`([A-Z_]+)`/g)) documented.set(m[1], def.replace(/^`(.*)`$/, '$1'));
    }
    assert.deepEqual(
      [...documented.keys()].filter((k) => !SETTINGS.includes(k)),
      [],
      'table rows without a setting',
    );
    assert.deepEqual(
      SETTINGS.filter((k) => !documented.has(k)),
      [],
      'settings missing from the table',
    );
    for (const s of SETTINGS) {
      const d = schemaDefault(s);
      if (d) assert.ok(documented.get(s)!.split(/,\s*/).includes(d) || documented.get(s) === d, `${s}: README says ${documented.get(s)}, the schema ${d}`);
    }
  });

  it('.env.example has every setting once, with a line saying what it does and the schema default', () => {
    const lines = read('.env.example').split('\n');
    const seen = new Map<string, string>();
    lines.forEach((l, i) => {
      const m = /^#?\s?([A-Z][A-Z0-9_]+)=(.*)$/.exec(l);
      if (!m) return;
      assert.ok(!seen.has(m[1]), `${m[1]} twice`);
      seen.set(m[1], m[2]);
      assert.match(lines[i - 1] ?? '', /^# [a-z/(`A-Z]/, `${m[1]} has a one-line explanation above it`);
    });
    assert.deepEqual(
      [...seen.keys()].filter((k) => !SETTINGS.includes(k)),
      [],
      'not settings',
    );
    assert.deepEqual(
      SETTINGS.filter((k) => !seen.has(k)),
      [],
      'missing from .env.example',
    );
    for (const s of SETTINGS) assert.equal(seen.get(s), schemaDefault(s), `${s} default`);
  });
});

describe('docs', () => {
  it('links only to files inside the repository, and they exist', () => {
    const files = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    for (const f of files) {
      const text = read(f);
      assert.doesNotMatch(text, /\.\.\/shared|\/work\//, `${f} points outside the repository`);
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (!target || /^[a-z]+:/.test(target)) continue;
        const abs = resolve(dirname(join(ROOT, f)), target);
        assert.ok(abs.startsWith(ROOT + '/') || abs === ROOT, `${f}: ${m[1]} leads out of the repository`);
        assert.ok(existsSync(abs), `${f}: ${m[1]} does not exist`);
      }
    }
    assert.match(read('README.md'), /\]\(docs\/ARCHITECTURE\.md\)/);
  });

  it('the operations guide covers what an operator needs', () => {
    const ops = read('docs/OPERATIONS.md');
    for (const topic of [
      'secrets.env',
      'npm run migrate',
      'npm run reindex',
      'Backups',
      'Upgrades',
      'appendonly',
      'Qdrant',
      'Helm',
      'grafana-dashboard.json',
      '/readyz',
      'KEDA',
    ]) {
      assert.ok(ops.includes(topic), `OPERATIONS.md says nothing about ${topic}`);
    }
  });

  it('the Grafana dashboard queries only metrics that Sluice registers', async () => {
    // Load every module that registers metrics, as a process running all apps would.
    const dash = JSON.parse(read('docs', 'grafana-dashboard.json'));
    const known = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set<string>();
    for (const p of dash.panels)
      for (const t of p.targets ?? []) for (const m of String(t.expr).matchAll(/\b((?:sluice|process|nodejs)_[a-z0-9_]+)/g)) used.add(m[1]);
    assert.ok(used.size >= 12);
    const base = (n: string) => n.replace(/_(bucket|sum|count)$/, '');
    const prom = ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_heap_size_used_bytes'];
    for (const n of used) assert.ok(known.has(base(n)) || prom.includes(n), `the dashboard queries ${n}, which nothing registers`);
    for (const name of known)
      assert.ok(
        [...used].some((u) => base(u) === name),
        `${name} has no panel`,
      );
  });
});
