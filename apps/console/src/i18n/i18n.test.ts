import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
function lookup(o: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
}
function sources(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(n) && !n.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('Simplified Chinese has every English key and no other', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it('no string is left empty or untranslated-looking, and both languages use the same {{placeholders}}', () => {
    for (const k of keys(en)) {
      const e = lookup(en, k) as string;
      const z = lookup(zh, k) as string;
      expect(e, k).not.toBe('');
      expect(z, k).not.toBe('');
      expect(placeholders(z), k).toEqual(placeholders(e));
    }
  });

  it('every literal key the pages ask for exists', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const missing: string[] = [];
    for (const f of sources(root)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) if (typeof lookup(en, m[1]) !== 'string') missing.push(`${f.slice(root.length)}: ${m[1]}`);
      for (const m of text.matchAll(/\bkey: '([a-z]+\.[a-zA-Z0-9_.-]+)'/g))
        if (typeof lookup(en, m[1]) !== 'string') missing.push(`${f.slice(root.length)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
