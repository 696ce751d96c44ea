/**
 * Measures semantic search latency of the embedded store at scale (not part of the test suite):
 *   node .build/<out>/libs/vector/src/testing/embedded-search-latency.js [points=100000] [dim=256] [queries=200]
 * Vectors are clustered (like real embeddings: topics with paraphrases around them); 90 % of the
 * points belong to one dataset, the rest to nine small ones. Reports p50/p99 and recall@10
 * against an exact brute-force search.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedVectorStore } from '../embedded-vector-store';
import { type VectorPoint, collectionName } from '../vector-store';

const [N, DIM, QUERIES] = [Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 256), Number(process.argv[4] ?? 200)];

function gauss(): number {
  return Math.sqrt(-2 * Math.log(Math.random() || 1e-12)) * Math.cos(2 * Math.PI * Math.random());
}
function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s) || 1;
  return v.map((x) => x / n);
}
const centers = Array.from({ length: 2000 }, () => unit(Float32Array.from({ length: DIM }, gauss)));
// Noise scaled so that two points of one topic have cosine ≈ 0.5 at any dimension.
const sigma = 0.96 / Math.sqrt(DIM);
const sample = () => unit(Float32Array.from(centers[(Math.random() * centers.length) | 0], (x) => x + gauss() * sigma));

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-vector-bench-'));
  console.log(`data in ${dir}${process.env.KEEP ? ' (kept)' : ''}`);
  const store = new EmbeddedVectorStore(dir);
  const collection = collectionName('bench', DIM);
  const main = randomUUID();
  const small = Array.from({ length: 9 }, () => randomUUID());
  const all: Array<{ id: string; v: Float32Array; ds: string }> = [];
  const t0 = Date.now();
  for (let i = 0; i < N; i += 2000) {
    const batch: VectorPoint[] = [];
    for (let j = i; j < Math.min(N, i + 2000); j++) {
      const v = sample();
      const ds = j % 10 === 0 ? small[((j / 10) % 9) | 0] : main;
      const id = randomUUID();
      all.push({ id, v, ds });
      batch.push({
        id,
        vector: Array.from(v),
        payload: { tenant_id: main, dataset_id: ds, document_id: randomUUID(), segment_id: randomUUID(), child_chunk_id: null, doc_hash: 'h' },
      });
    }
    await store.upsert(collection, batch);
  }
  const ingestMs = Date.now() - t0;
  await store.idle();
  await store.optimizeNow(collection);
  await store.optimizeNow(collection);
  console.log(
    `${N} points × ${DIM} dims: upserted in ${ingestMs} ms, index ready after ${Date.now() - t0} ms (index: ${await store.hasVectorIndex(collection)})`,
  );

  for (const [label, ds] of [
    ['main dataset (90 %)', main],
    ['small dataset (1 %)', small[0]],
  ] as const) {
    const members = all.filter((p) => p.ds === ds);
    const lat: number[] = [];
    const cpu: number[] = [];
    let hit = 0;
    let total = 0;
    for (let q = 0; q < QUERIES; q++) {
      const qv = sample();
      const c0 = process.cpuUsage();
      const s = process.hrtime.bigint();
      const hits = await store.search(collection, Array.from(qv), { datasetIds: [ds], topK: 10 });
      lat.push(Number(process.hrtime.bigint() - s) / 1e6);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (q < 30) {
        const exact = members
          .map((p) => ({ id: p.id, d: p.v.reduce((acc, x, k) => acc + x * qv[k], 0) }))
          .sort((a, b) => b.d - a.d)
          .slice(0, 10);
        const got = new Set(hits.map((h) => h.id));
        for (const e of exact) (total++, got.has(e.id) && hit++);
      }
    }
    lat.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(
      `${label}: wall p50 ${pct(lat, 50).toFixed(2)} ms, p90 ${pct(lat, 90).toFixed(2)} ms, p99 ${pct(lat, 99).toFixed(2)} ms; CPU (all threads) p50 ${pct(cpu, 50).toFixed(2)} ms, p99 ${pct(cpu, 99).toFixed(2)} ms; recall@10 ${(hit / total).toFixed(3)}`,
    );
  }
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${require('node:os').cpus().length} cores`,
  );
  await store.close();
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
