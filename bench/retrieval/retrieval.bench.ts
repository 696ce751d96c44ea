/**
 * Retrieval latency at 100k segments in one dataset, in the embedded vector store (LanceDB under a
 * temp dir) and PostgreSQL full-text, through RetrievalService — the code behind `dataset.retrieve`
 * and hit testing: vector search, full-text candidates + BM25, fusion, segment load, hit_count UPDATE.
 * Baselines from the same run: the raw vector-store search and the raw full-text SQL, so the report
 * shows what the pipeline adds; and LanceDB's own IVF_PQ search (the store with its in-memory index
 * turned off, as for datasets beyond VECTOR_MEMORY_INDEX_MB), with recall@k of both against exact
 * brute force. Full-text runs "cold" (every query's words new: one pass over all
 * matching rows, which also counts their frequencies) and "warm" (words searched in the last 10
 * minutes: frequencies cached, so the search reads only the rarest word's rows). Vectors are 256-dimensional (BENCH_DIM). The query embedding is
 * precomputed (an in-process QueryEmbedder): the model call is the model's latency, not retrieval's.
 * Budgets (ARCHITECTURE.md): semantic p50 ≤ 10 ms, hybrid p50 ≤ 25 ms. Prints numbers; not a test.
 *
 *   npm run bench:retrieval     (env: BENCH_SEGMENTS=100000 BENCH_DIM=256 BENCH_QUERIES=300 TEST_PG_URL=…)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { prepareDatabase } from '@sluice/database';
import { SegmentsRepository, segmentNodeId, toTsqueryLiteral, toTsvectorLiteral } from '@sluice/knowledge';
import { EmbeddedVectorStore, VectorPoint, collectionName } from '@sluice/vector';
import { QueryEmbedder } from '../../apps/dataset/src/retrieval/query-embedder';
import { Reranker } from '../../apps/dataset/src/retrieval/reranker';
import { parseRetrievalModel } from '../../apps/dataset/src/retrieval/retrieval-settings';
import { RetrievalService } from '../../apps/dataset/src/retrieval/retrieval.service';
import { DatasetRow, SegmentSearchRepository } from '../../apps/dataset/src/retrieval/segment-search.repository';

const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 100_000);
const DIM = Number(process.env.BENCH_DIM ?? 256);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const TOP_K = 4;
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MODEL = 'bench-embedding';

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** 5,000 made-up words drawn Zipf-like, so some words are everywhere and most are rare, as in real text. */
const VOCAB = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
const zipf = () => VOCAB[Math.min(VOCAB.length - 1, Math.floor(Math.pow(rand(), 2.2) * VOCAB.length))];
const sentence = (n: number) => Array.from({ length: n }, zipf).join(' ');

function randomUnit(dim: number): number[] {
  const v = Array.from({ length: dim }, () => rand() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** Ids of the k rows of `all` closest to `q` by cosine (rows and q are unit vectors), by brute force. */
function exactTop(all: Float32Array, ids: string[], q: number[], k: number): Set<string> {
  const best: Array<{ i: number; s: number }> = [];
  for (let r = 0; r < ids.length; r++) {
    let s = 0;
    for (let j = 0, o = r * DIM; j < DIM; j++) s += all[o + j] * q[j];
    if (best.length < k || s > best[best.length - 1].s) {
      best.push({ i: r, s });
      best.sort((a, b) => b.s - a.s);
      if (best.length > k) best.pop();
    }
  }
  return new Set(best.map((b) => ids[b.i]));
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

type Query = { text: string; vector: number[] };
let warmups: Query[] = [];

async function measure(label: string, queries: Query[], fn: (q: Query) => Promise<unknown>) {
  for (const q of warmups) await fn(q); // JIT, connection pool, dataset size; other queries than the measured ones
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await fn(q);
    times.push(performance.now() - t0);
  }
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(2).padStart(7)} ms   p99 ${p99.toFixed(2).padStart(7)} ms`);
  return { p50, p99 };
}

async function main(): Promise<void> {
  const dbName = `sluice_bench_retrieval_${process.pid}`;
  const url = new URL(PG_ADMIN);
  url.pathname = `/${dbName}`;
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-retrieval-'));
  await prepareDatabase(url.toString());
  const ds = new DataSource({ type: 'postgres', url: url.toString(), extra: { max: 10 } });
  await ds.initialize();
  const store = new EmbeddedVectorStore(join(dir, 'vectors'));
  const lanceOnly = new EmbeddedVectorStore(join(dir, 'vectors'), { memoryIndexBytes: 0 });
  const all = new Float32Array(SEGMENTS * DIM);
  const allIds: string[] = [];
  try {
    const [{ id: tenantId }] = await ds.query(`INSERT INTO tenants (name) VALUES ('bench') RETURNING id`);
    const [{ id: datasetId }] = await ds.query(
      `INSERT INTO datasets (tenant_id, name, indexing_technique, embedding_model, embedding_model_provider, embedding_dimension, doc_form)
       VALUES ($1, 'bench', 'high_quality', $2, 'openai', $3, 'text_model') RETURNING id`,
      [tenantId, MODEL, DIM],
    );
    const [{ id: documentId }] = await ds.query(
      `INSERT INTO documents (tenant_id, dataset_id, position, process_rule, batch, name, indexing_status, completed_at)
       VALUES ($1, $2, 1, '{}', 'bench', 'bench.txt', 'completed', now()) RETURNING id`,
      [tenantId, datasetId],
    );
    const collection = collectionName(MODEL, DIM);
    await store.ensureCollection(collection, DIM);

    const t0 = performance.now();
    const BATCH = 5000;
    for (let start = 0; start < SEGMENTS; start += BATCH) {
      const n = Math.min(BATCH, SEGMENTS - start);
      const ids: string[] = [];
      const nodeIds: string[] = [];
      const contents: string[] = [];
      const vectors: string[] = [];
      const positions: number[] = [];
      for (let i = 0; i < n; i++) {
        ids.push(randomUUID());
        positions.push(start + i + 1);
        nodeIds.push(segmentNodeId(documentId, 0, start + i + 1));
        const text = sentence(40 + Math.floor(rand() * 40));
        contents.push(text);
        vectors.push(toTsvectorLiteral(text));
      }
      await ds.query(
        `INSERT INTO document_segments (id, tenant_id, dataset_id, document_id, position, content, word_count, tokens, index_node_id, index_node_hash, status, completed_at, search_vector)
         SELECT u.id, $1, $2, $3, u.pos, u.content, length(u.content), 0, u.node, 'h', 'completed', now(), u.tsv::tsvector
           FROM unnest($4::uuid[], $5::int[], $6::text[], $7::uuid[], $8::text[]) AS u(id, pos, content, node, tsv)`,
        [tenantId, datasetId, documentId, ids, positions, contents, nodeIds, vectors],
      );
      const points: VectorPoint[] = ids.map((id, i) => ({
        id: nodeIds[i],
        vector: randomUnit(DIM),
        payload: { tenant_id: tenantId, dataset_id: datasetId, document_id: documentId, segment_id: id, doc_hash: 'h' },
      }));
      points.forEach((p, i) => {
        all.set(p.vector, (start + i) * DIM);
        allIds.push(p.id);
      });
      await store.upsert(collection, points);
    }
    // Queries run against a settled store and table, as they would minutes after an ingestion.
    // The serving store needs no IVF index while the table fits its memory index; the baseline
    // store (memory index off) trains one, as it would for datasets beyond VECTOR_MEMORY_INDEX_MB.
    await store.optimizeNow(collection);
    await store.idle();
    await lanceOnly.optimizeNow(collection);
    await lanceOnly.idle();
    await ds.query('VACUUM ANALYZE document_segments');
    const indexed = await store.hasVectorIndex(collection);
    console.log(
      `loaded ${SEGMENTS} segments (${DIM}-d vectors, embedded LanceDB store${indexed ? ' with its IVF_PQ index' : ', flat scan'}) in ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Queries of 2–3 words from the middle of the frequency range, as people type.
    const makeQuery = (): Query => ({
      text: Array.from({ length: 2 + Math.floor(rand() * 2) }, () => VOCAB[50 + Math.floor(rand() * 1500)]).join(' '),
      vector: randomUnit(DIM),
    });
    const queries = Array.from({ length: QUERIES }, makeQuery);
    warmups = Array.from({ length: 20 }, makeQuery);
    const vectorOf = new Map([...queries, ...warmups].map((q) => [q.text, q.vector]));
    const embedder: QueryEmbedder = { embedQuery: async (_t, _m, text) => vectorOf.get(text) ?? randomUnit(DIM) };
    const [dataset]: DatasetRow[] = await new SegmentSearchRepository(ds, new SegmentsRepository(ds)).findDatasets(tenantId, [datasetId]);
    // A fresh repository forgets the cached lexeme frequencies: "cold" = words not searched in the last 10 minutes.
    let svc = new RetrievalService(new SegmentSearchRepository(ds, new SegmentsRepository(ds)), store, embedder, {} as Reranker);
    const cold = () => (svc = new RetrievalService(new SegmentSearchRepository(ds, new SegmentsRepository(ds)), store, embedder, {} as Reranker));
    const limit = Math.max(TOP_K * 3, 10);
    const run =
      (search_method: string, extra: Record<string, unknown> = {}) =>
      (q: Query) =>
        svc.retrieve({
          tenantId,
          datasets: [dataset],
          query: q.text,
          retrievalModel: parseRetrievalModel({ search_method, top_k: TOP_K, ...extra }),
          filter: null,
        });

    console.log(`\n${QUERIES} queries, top_k ${TOP_K} (each search fetches ${limit} candidates)`);
    const lance = await measure('baseline: LanceDB IVF_PQ search (no memory index)', queries, (q) =>
      lanceOnly.search(collection, q.vector, { datasetIds: [datasetId], topK: limit }),
    );
    const rawVector = await measure('raw vector-store search (in-memory index)', queries, (q) =>
      store.search(collection, q.vector, { datasetIds: [datasetId], topK: limit }),
    );
    const recallOf = async (s: EmbeddedVectorStore) => {
      let found = 0;
      const sample = queries.slice(0, 40);
      for (const q of sample) {
        const exact = exactTop(all, allIds, q.vector, limit);
        const got = await s.search(collection, q.vector, { datasetIds: [datasetId], topK: limit });
        found += got.filter((h) => exact.has(h.id)).length;
      }
      return found / (sample.length * limit);
    };
    console.log(
      `recall@${limit} against exact search: in-memory index ${(await recallOf(store)).toFixed(3)}, LanceDB IVF_PQ ${(await recallOf(lanceOnly)).toFixed(3)}`,
    );
    // What the memory index costs besides searching: loading a dataset after a restart, and catching
    // up after another process (an ingest worker) wrote to the table.
    const fresh = new EmbeddedVectorStore(join(dir, 'vectors'));
    let t1 = performance.now();
    await fresh.search(collection, queries[0].vector, { datasetIds: [datasetId], topK: limit });
    const firstMs = performance.now() - t1;
    await fresh.idle();
    const loadMs = performance.now() - t1;
    await fresh.close();
    // Median of 5 rounds: another connection writes 100 points, then this store searches (and catches up).
    const catchUps: number[] = [];
    for (let round = 0; round < 5; round++) {
      const writes: VectorPoint[] = Array.from({ length: 100 }, (_, i) => ({
        id: segmentNodeId(documentId, 1 + round, i + 1),
        vector: randomUnit(DIM),
        payload: { tenant_id: tenantId, dataset_id: datasetId, document_id: documentId, segment_id: randomUUID(), doc_hash: 'w' },
      }));
      await lanceOnly.upsert(collection, writes);
      t1 = performance.now();
      await store.search(collection, queries[round].vector, { datasetIds: [datasetId], topK: limit });
      catchUps.push(performance.now() - t1);
      await lanceOnly.deleteByIds(
        collection,
        writes.map((w) => w.id),
      );
      await store.search(collection, queries[round].vector, { datasetIds: [datasetId], topK: limit });
    }
    const catchUpMs = percentile(catchUps, 50);
    console.log(
      `in-memory index: first search after a restart ${firstMs.toFixed(0)} ms (answered by LanceDB while the ${SEGMENTS} vectors load ` +
        `in the background, ${loadMs.toFixed(0)} ms); ` +
        `first search after another process wrote 100 points ${catchUpMs.toFixed(0)} ms, median of 5 (reads row addresses, fetches the new rows)`,
    );
    const rawText = await measure('baseline: raw full-text SQL (ts_rank_cd)', queries, (q) =>
      ds.query(
        `SELECT id FROM document_segments WHERE dataset_id = $1 AND search_vector @@ $2::tsquery ORDER BY ts_rank_cd(search_vector, $2::tsquery, 1) DESC LIMIT $3`,
        [datasetId, toTsqueryLiteral(q.text), limit],
      ),
    );
    const semantic = await measure('RetrievalService semantic_search', queries, run('semantic_search'));
    cold();
    const fullTextCold = await measure('RetrievalService full_text_search, cold', queries, run('full_text_search'));
    const fullText = await measure('RetrievalService full_text_search, warm', queries, run('full_text_search'));
    cold();
    const hybridCold = await measure('RetrievalService hybrid_search (RRF), cold', queries, run('hybrid_search'));
    const hybrid = await measure('RetrievalService hybrid_search (RRF), warm', queries, run('hybrid_search'));
    const weighted = await measure('RetrievalService hybrid_search (weighted), warm', queries, run('hybrid_search', { reranking_mode: 'weighted_score' }));

    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    console.log(
      `\nsemantic p50 ${semantic.p50.toFixed(2)} ms (budget 10) = ${ratio(semantic.p50, rawVector.p50)}× the raw vector search; ` +
        `raw search ${ratio(lance.p50, rawVector.p50)}× faster than LanceDB's IVF_PQ`,
    );
    console.log(
      `hybrid   p50 ${hybrid.p50.toFixed(2)} ms warm, ${hybridCold.p50.toFixed(2)} ms cold (budget 25) = ` +
        `${ratio(hybrid.p50, Math.max(rawVector.p50, rawText.p50))}× / ${ratio(hybridCold.p50, Math.max(rawVector.p50, rawText.p50))}× the slower raw search (they run in parallel)`,
    );
    console.log(
      `full-text p50 ${fullText.p50.toFixed(2)} ms warm, ${fullTextCold.p50.toFixed(2)} ms cold = ${ratio(fullText.p50, rawText.p50)}× / ` +
        `${ratio(fullTextCold.p50, rawText.p50)}× the raw SQL; weighted hybrid p50 ${weighted.p50.toFixed(2)} ms`,
    );
    const ok = semantic.p50 <= 10 && hybrid.p50 <= 25;
    console.log(ok ? 'within budget (warm)' : 'OVER BUDGET');
  } finally {
    await store.close();
    await lanceOnly.close();
    await ds.destroy();
    const admin = new Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
