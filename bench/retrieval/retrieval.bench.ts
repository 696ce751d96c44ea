/**
 * Retrieval latency as the knowledge grows, in the embedded vector store (LanceDB under a temp dir)
 * and PostgreSQL full-text, through RetrievalService — the code behind `dataset.retrieve` and hit
 * testing: vector search, full-text candidates + BM25, fusion, segment load, hit_count UPDATE.
 *   - by segments in one dataset (10k, 100k; 500k when asked for: growing the dataset from 100k to
 *     500k took 218 s on the 2-core machine, ~8 more minutes in all, which would push `npm run bench`
 *     past its ~25 minutes; 500k 256-d vectors are 488 MiB, just inside the 512 MiB memory index);
 *   - by datasets searched together (1, 2, 4, 8 datasets of 10k segments, in a table of their own).
 * Same-run baseline at every point: the raw vector-store search(es) the service issues (one per
 * dataset, in parallel) and the raw full-text SQL. At 100k (or the largest size below it) the
 * details of retrieval-details.ts. Vectors are 256-dimensional; the query embedding is
 * precomputed (the model call is the model's latency, not retrieval's). Queries are 2–3 words from
 * the middle of the frequency range; full-text and hybrid are "warm" (words searched in the last
 * 10 minutes). Budgets (ARCHITECTURE.md): semantic p50 ≤ 10 ms, hybrid p50 ≤ 25 ms at 100k.
 *
 *   npm run bench:retrieval   (env: BENCH_RETRIEVAL_SIZES=10000,100000 BENCH_RETRIEVAL_DATASETS=1,2,4,8 BENCH_RETRIEVAL_DATASET_SIZE=10000
 *                              BENCH_RETRIEVAL_DETAIL=100000 (0: none) BENCH_DIM=256 BENCH_QUERIES=200 TEST_PG_URL=…)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { prepareDatabase } from '@sluice/database';
import { SegmentsRepository, toTsqueryLiteral } from '@sluice/knowledge';
import { EmbeddedVectorStore } from '@sluice/vector';
import { QueryEmbedder } from '../../apps/dataset/src/retrieval/query-embedder';
import { Reranker } from '../../apps/dataset/src/retrieval/reranker';
import { parseRetrievalModel } from '../../apps/dataset/src/retrieval/retrieval-settings';
import { RetrievalService } from '../../apps/dataset/src/retrieval/retrieval.service';
import { DatasetRow, SegmentSearchRepository } from '../../apps/dataset/src/retrieval/segment-search.repository';
import { machine } from '../support/platform';
import { envList, saveResult } from '../support/results';
import { BenchDataset, SegmentLoader, VOCAB, VectorCopy, percentile, rand, randomUnit } from './retrieval-data';
import { Details, Lat, Query, details } from './retrieval-details';

const SIZES = envList('BENCH_RETRIEVAL_SIZES', '10000,100000').sort((a, b) => a - b);
const DATASETS = envList('BENCH_RETRIEVAL_DATASETS', '1,2,4,8').sort((a, b) => a - b);
const DATASET_SIZE = Number(process.env.BENCH_RETRIEVAL_DATASET_SIZE ?? 10_000);
const DETAIL = Number(process.env.BENCH_RETRIEVAL_DETAIL ?? SIZES.filter((s) => s <= 100_000).at(-1) ?? 0);
const DIM = Number(process.env.BENCH_DIM ?? 256);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const TOP_K = 4;
const LIMIT = Math.max(TOP_K * 3, 10);
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface RetrievalPoint {
  /** segments in the dataset, or datasets searched together */
  x: number;
  /** baselines: the raw vector-store search(es) and the raw full-text SQL, one per dataset, in parallel */
  rawVector: Lat;
  rawText: Lat;
  semantic: Lat;
  fullText: Lat;
  hybrid: Lat;
  /** LanceDB had an IVF_PQ index on the table (the in-memory index still answers while the vectors fit it) */
  ivfIndex: boolean;
}

export interface RetrievalBenchResult {
  machine: ReturnType<typeof machine>;
  settings: { sizes: number[]; datasets: number[]; datasetSize: number; dim: number; queries: number; topK: number };
  loadSeconds: Record<number, number>;
  bySize: RetrievalPoint[];
  byDatasets: RetrievalPoint[];
  details?: Details;
}

const makeQuery = (): Query => ({
  text: Array.from({ length: 2 + Math.floor(rand() * 2) }, () => VOCAB[50 + Math.floor(rand() * 1500)]).join(' '),
  vector: randomUnit(DIM),
});
const queries = Array.from({ length: QUERIES }, makeQuery);
const warmups = Array.from({ length: 20 }, makeQuery);

async function measure(label: string, fn: (q: Query) => Promise<unknown>): Promise<Lat> {
  for (const q of warmups) await fn(q); // JIT, connection pool, caches; other queries than the measured ones
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await fn(q);
    times.push(performance.now() - t0);
  }
  const r = { p50: percentile(times, 50), p99: percentile(times, 99) };
  console.log(`  ${label.padEnd(46)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`);
  return r;
}

async function main(): Promise<void> {
  const info = machine();
  console.log(
    `retrieval benchmark: ${info.cores} cores, Node ${info.node}, load average ${info.loadavg}; sizes ${SIZES.join(', ')}; ${DATASETS.join(', ')} datasets of ${DATASET_SIZE}; ${QUERIES} queries, top_k ${TOP_K} (${LIMIT} candidates)`,
  );
  const dbName = `sluice_bench_retrieval_${process.pid}`;
  const url = new URL(PG_ADMIN);
  url.pathname = `/${dbName}`;
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-retrieval-'));
  await prepareDatabase(url.toString());
  const ds = new DataSource({ type: 'postgres', url: url.toString(), extra: { max: 10 } });
  await ds.initialize();
  const store = new EmbeddedVectorStore(join(dir, 'vectors'));
  const loader = new SegmentLoader(ds, store, DIM);
  const vectorOf = new Map([...queries, ...warmups].map((q) => [q.text, q.vector]));
  const embedder: QueryEmbedder = { embedQuery: async (_t, _m, text) => vectorOf.get(text) ?? randomUnit(DIM) };
  const repo = () => new SegmentSearchRepository(ds, new SegmentsRepository(ds));
  // A fresh service forgets the cached word frequencies ("cold").
  const freshService = (datasets: DatasetRow[]) => {
    const svc = new RetrievalService(repo(), store, embedder, {} as Reranker);
    return (search_method: string, extra: Record<string, unknown> = {}) =>
      (q: Query) =>
        svc.retrieve({
          tenantId: loader.tenantId,
          datasets,
          query: q.text,
          retrievalModel: parseRetrievalModel({ search_method, top_k: TOP_K, ...extra }),
          filter: null,
        });
  };

  const point = async (x: number, sets: BenchDataset[]): Promise<RetrievalPoint> => {
    const rows = await repo().findDatasets(
      loader.tenantId,
      sets.map((d) => d.id),
    );
    const rawVector = await measure('baseline: raw vector-store search', (q) =>
      Promise.all(sets.map((d) => store.search(d.collection, q.vector, { datasetIds: [d.id], topK: LIMIT }))),
    );
    const rawText = await measure('baseline: raw full-text SQL (ts_rank_cd)', (q) =>
      Promise.all(
        sets.map((d) =>
          ds.query(
            `SELECT id FROM document_segments WHERE dataset_id = $1 AND search_vector @@ $2::tsquery ORDER BY ts_rank_cd(search_vector, $2::tsquery, 1) DESC LIMIT $3`,
            [d.id, toTsqueryLiteral(q.text), LIMIT],
          ),
        ),
      ),
    );
    const run = freshService(rows);
    const semantic = await measure('semantic_search', run('semantic_search'));
    // Warm: every measured query's words searched once before (cached frequencies), as a busy app's would be.
    for (const q of queries) await run('full_text_search')(q);
    const fullText = await measure('full_text_search, warm', run('full_text_search'));
    const hybrid = await measure('hybrid_search (RRF), warm', run('hybrid_search'));
    return { x, rawVector, rawText, semantic, fullText, hybrid, ivfIndex: await store.hasVectorIndex(sets[0].collection) };
  };

  const result: RetrievalBenchResult = {
    machine: info,
    settings: { sizes: SIZES, datasets: DATASETS, datasetSize: DATASET_SIZE, dim: DIM, queries: QUERIES, topK: TOP_K },
    loadSeconds: {},
    bySize: [],
    byDatasets: [],
  };
  try {
    await loader.init();
    const big = await loader.dataset('bench-embedding');
    const copy = new VectorCopy(DETAIL, DIM);
    for (const size of SIZES) {
      const t0 = performance.now();
      await loader.grow(big, size, copy);
      await loader.settle(big.collection);
      result.loadSeconds[size] = (performance.now() - t0) / 1000;
      console.log(
        `\n${size} segments in one dataset (grown to it in ${result.loadSeconds[size].toFixed(1)} s, vector index ${(await store.hasVectorIndex(big.collection)) ? 'LanceDB IVF_PQ' : 'in memory'})`,
      );
      result.bySize.push(await point(size, [big]));
      if (size === DETAIL) {
        console.log(`\ndetails at ${size} segments`);
        const rows = await repo().findDatasets(loader.tenantId, [big.id]);
        result.details = await details({ dir, store, d: big, copy, queries, limit: LIMIT, measure, freshService: () => freshService(rows) });
      }
    }
    // Datasets of another embedding model: a table of their own, so the big dataset above is not in the way.
    const sets: BenchDataset[] = [];
    for (const k of DATASETS) {
      const t0 = performance.now();
      while (sets.length < k) {
        const d = await loader.dataset('bench-embedding-multi');
        await loader.grow(d, DATASET_SIZE);
        sets.push(d);
      }
      await loader.settle(sets[0].collection);
      console.log(`\n${k} datasets of ${DATASET_SIZE} segments searched together (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      result.byDatasets.push(await point(k, sets.slice(0, k)));
    }
  } finally {
    await store.close();
    await ds.destroy();
    const admin = new Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
  const at = result.bySize.find((p) => p.x === 100_000);
  if (at)
    console.log(
      `\nbudgets at 100k: semantic p50 ${at.semantic.p50.toFixed(2)} ms (≤ 10: ${at.semantic.p50 <= 10 ? 'ok' : 'MISSED'}), hybrid p50 ${at.hybrid.p50.toFixed(2)} ms (≤ 25: ${at.hybrid.p50 <= 25 ? 'ok' : 'MISSED'})`,
    );
  result.machine = { ...info, loadavg: `${info.loadavg} → ${machine().loadavg}` };
  saveResult('retrieval', result);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
