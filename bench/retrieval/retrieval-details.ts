/**
 * At one size (100k segments by default) what the sweep does not show: LanceDB's own IVF_PQ search
 * (the store with its in-memory index off, as for datasets beyond VECTOR_MEMORY_INDEX_MB), recall@k
 * of both against exact brute force, what the memory index costs after a restart and after another
 * process wrote, and full-text "cold" (words new: one pass over all matching rows, which also
 * counts their frequencies) against "warm" (frequencies cached: only the rarest word's rows).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { segmentNodeId } from '@sluice/knowledge';
import { EmbeddedVectorStore, VectorPoint } from '@sluice/vector';
import { BenchDataset, VectorCopy, percentile, randomUnit } from './retrieval-data';

export interface Lat {
  p50: number;
  p99: number;
}

export interface Details {
  segments: number;
  lanceIvfPq: Lat;
  rawVector: Lat;
  recallMemory: number;
  recallIvfPq: number;
  recallK: number;
  firstSearchAfterRestartMs: number;
  memoryIndexLoadMs: number;
  catchUpAfter100WritesMs: number;
  fullTextCold: Lat;
  fullTextWarm: Lat;
  hybridCold: Lat;
  hybridWarm: Lat;
  hybridWeighted: Lat;
}

export type Query = { text: string; vector: number[] };
export type Measure = (label: string, fn: (q: Query) => Promise<unknown>) => Promise<Lat>;
type Search = (method: string, extra?: Record<string, unknown>) => (q: Query) => Promise<unknown>;

export async function details(o: {
  dir: string;
  store: EmbeddedVectorStore;
  d: BenchDataset;
  copy: VectorCopy;
  queries: Query[];
  limit: number;
  measure: Measure;
  /** a search through a fresh RetrievalService (its cached word frequencies forgotten) */
  freshService: () => Search;
}): Promise<Details> {
  const { store, d, queries, limit, measure } = o;
  const lanceOnly = new EmbeddedVectorStore(join(o.dir, 'vectors'), { memoryIndexBytes: 0 });
  try {
    // The baseline store trains its IVF_PQ index, as it would for datasets beyond the memory index.
    await lanceOnly.optimizeNow(d.collection);
    await lanceOnly.idle();
    const lanceIvfPq = await measure('LanceDB IVF_PQ search (no memory index)', (q) =>
      lanceOnly.search(d.collection, q.vector, { datasetIds: [d.id], topK: limit }),
    );
    const rawVector = await measure('raw vector-store search (in-memory index)', (q) =>
      store.search(d.collection, q.vector, { datasetIds: [d.id], topK: limit }),
    );
    const recallOf = async (s: EmbeddedVectorStore) => {
      let found = 0;
      const sample = queries.slice(0, 40);
      for (const q of sample) {
        const exact = o.copy.exactTop(q.vector, limit);
        found += (await s.search(d.collection, q.vector, { datasetIds: [d.id], topK: limit })).filter((h) => exact.has(h.id)).length;
      }
      return found / (sample.length * limit);
    };
    const recallMemory = await recallOf(store);
    const recallIvfPq = await recallOf(lanceOnly);
    console.log(`recall@${limit} against exact search: in-memory index ${recallMemory.toFixed(3)}, LanceDB IVF_PQ ${recallIvfPq.toFixed(3)}`);

    const fresh = new EmbeddedVectorStore(join(o.dir, 'vectors'));
    let t1 = performance.now();
    await fresh.search(d.collection, queries[0].vector, { datasetIds: [d.id], topK: limit });
    const firstSearchAfterRestartMs = performance.now() - t1;
    await fresh.idle();
    const memoryIndexLoadMs = performance.now() - t1;
    await fresh.close();
    // Median of 5 rounds: another connection writes 100 points, then this store searches (and catches up).
    const catchUps: number[] = [];
    for (let round = 0; round < 5; round++) {
      const writes: VectorPoint[] = Array.from({ length: 100 }, (_, i) => ({
        id: segmentNodeId(d.documentId, 1 + round, i + 1),
        vector: randomUnit(o.copy.dim),
        payload: { tenant_id: 'bench', dataset_id: d.id, document_id: d.documentId, segment_id: randomUUID(), doc_hash: 'w' },
      }));
      await lanceOnly.upsert(d.collection, writes);
      t1 = performance.now();
      await store.search(d.collection, queries[round].vector, { datasetIds: [d.id], topK: limit });
      catchUps.push(performance.now() - t1);
      await lanceOnly.deleteByIds(
        d.collection,
        writes.map((w) => w.id),
      );
      await store.search(d.collection, queries[round].vector, { datasetIds: [d.id], topK: limit });
    }
    const catchUpAfter100WritesMs = percentile(catchUps, 50);
    console.log(
      `in-memory index: first search after a restart ${firstSearchAfterRestartMs.toFixed(0)} ms (LanceDB answers while the vectors load in the background, ` +
        `${memoryIndexLoadMs.toFixed(0)} ms); first search after another process wrote 100 points ${catchUpAfter100WritesMs.toFixed(0)} ms, median of 5`,
    );

    let run = o.freshService();
    const fullTextCold = await measure('full_text_search, cold', run('full_text_search'));
    const fullTextWarm = await measure('full_text_search, warm', run('full_text_search'));
    run = o.freshService();
    const hybridCold = await measure('hybrid_search (RRF), cold', run('hybrid_search'));
    const hybridWarm = await measure('hybrid_search (RRF), warm', run('hybrid_search'));
    const hybridWeighted = await measure('hybrid_search (weighted), warm', run('hybrid_search', { reranking_mode: 'weighted_score' }));
    return {
      segments: d.size,
      lanceIvfPq,
      rawVector,
      recallMemory,
      recallIvfPq,
      recallK: limit,
      firstSearchAfterRestartMs,
      memoryIndexLoadMs,
      catchUpAfter100WritesMs,
      fullTextCold,
      fullTextWarm,
      hybridCold,
      hybridWarm,
      hybridWeighted,
    };
  } finally {
    await lanceOnly.close();
  }
}
