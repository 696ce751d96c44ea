import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { Int8Matrix } from './int8-matrix';
import { INT8_DOT_WASM } from './wasm/int8-dot.wasm';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

function randomVectors(count: number, dim: number, seed: number): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dim }, r));
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

function exactTop(rows: Float32Array[], q: ArrayLike<number>, k: number, accept: (i: number) => boolean = () => true) {
  return rows
    .map((v, i) => ({ i, s: cosine(v, q) }))
    .filter(({ i }) => accept(i))
    .sort((a, b) => b.s - a.s)
    .slice(0, k);
}

test('scores are the cosine similarity within 0.005, and the top hits are the exact nearest neighbours', () => {
  for (const dim of [8, 100, 256, 1536]) {
    const rows = randomVectors(3000, dim, dim);
    const m = new Int8Matrix(dim);
    // Unnormalized input of varying length: the matrix normalizes.
    rows.forEach((v, i) => m.append(v.map((x) => x * (1 + (i % 7)))));
    let found = 0;
    for (const q of randomVectors(20, dim, dim + 1)) {
      const hits = m.search(q, 10);
      const exact = exactTop(rows, q, 10);
      assert.equal(hits.length, 10);
      for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score, 'best first');
      for (const h of hits) assert.ok(Math.abs(h.score - cosine(rows[h.row], q)) < 0.005, `dim ${dim}: ${h.score} vs ${cosine(rows[h.row], q)}`);
      const want = new Set(exact.map((e) => e.i));
      found += hits.filter((h) => want.has(h.row)).length;
    }
    assert.ok(found / 200 >= 0.9, `dim ${dim}: recall@10 ${found / 200}`);
    // A stored vector is its own best match.
    assert.equal(m.search(rows[1234], 1)[0].row, 1234);
  }
});

test('dropped rows are never returned, compaction renumbers the rest, and the filter is honoured', () => {
  const dim = 64;
  const rows = randomVectors(2500, dim, 5);
  const m = new Int8Matrix(dim);
  rows.forEach((v) => m.append(v));
  const q = rows[42];
  assert.equal(m.search(q, 1)[0].row, 42);
  m.drop(42);
  assert.notEqual(m.search(q, 1)[0].row, 42);
  assert.equal(m.liveRows, 2499);

  const even = (i: number) => i % 2 === 0;
  for (const h of m.search(rows[7], 20, even)) assert.ok(even(h.row), 'only accepted rows');

  for (let i = 0; i < 2500; i += 3) m.drop(i);
  const map = m.compact();
  assert.equal(m.size, m.liveRows);
  assert.equal(map[42], -1);
  assert.equal(map[3], -1);
  // Row 43 moved down; searching its vector finds it under its new number.
  assert.equal(m.search(rows[43], 1)[0].row, map[43]);
  // Appending after compaction reuses the freed space.
  const again = m.append(rows[42]);
  assert.equal(m.search(rows[42], 1)[0].row, again);
});

test('an empty matrix, a zero query and topK 0 return nothing; a wrong dimension is refused', () => {
  const m = new Int8Matrix(16);
  assert.deepEqual(m.search(new Float32Array(16).fill(1), 5), []);
  m.append(new Float32Array(16).fill(1));
  assert.deepEqual(m.search(new Float32Array(16), 5), []);
  assert.deepEqual(m.search(new Float32Array(16).fill(1), 0), []);
  assert.throws(() => m.append(new Float32Array(15)), /dimension/);
  assert.throws(() => m.search(new Float32Array(17), 1), /dimension/);
});

test('the committed WebAssembly module is the compiled int8-dot.wat (run scripts/build-wasm.mjs after editing it)', () => {
  // wabt is a dev dependency: tests run from a full install.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wabtFactory = require('wabt') as () => Promise<{
    parseWat(name: string, src: string, f: object): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void };
  }>;
  const source = readFileSync(watSource(), 'utf8');
  return wabtFactory().then((wabt) => {
    const mod = wabt.parseWat('int8-dot.wat', source, { simd: true });
    try {
      assert.equal(Buffer.from(mod.toBinary({}).buffer).toString('base64'), INT8_DOT_WASM);
    } finally {
      mod.destroy();
    }
  });
});

/** The .wat in the source tree, found upward from the compiled test (dist/ or any build dir). */
function watSource(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'libs', 'vector', 'src', 'wasm', 'int8-dot.wat');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('libs/vector/src/wasm/int8-dot.wat not found above ' + __dirname);
}

test('with `exact`, scores are the exact cosine and the top hits are exactly the nearest neighbours, through drops and compaction', () => {
  const dim = 256;
  const rows = randomVectors(2000, dim, 77);
  const m = new Int8Matrix(dim, { exact: true });
  rows.forEach((v, i) => m.append(v.map((x) => x * (1 + (i % 5)))));
  const check = (alive: (i: number) => boolean) => {
    for (const q of randomVectors(15, dim, 78)) {
      const hits = m.search(q, 10);
      const exact = exactTop(rows, q, 10, alive);
      assert.deepEqual(
        hits.map((h) => h.score.toFixed(5)),
        exact.map((e) => e.s.toFixed(5)),
      );
    }
  };
  check(() => true);
  for (let i = 0; i < 2000; i += 2) m.drop(i);
  m.compact();
  check((i) => i % 2 === 1);
});
