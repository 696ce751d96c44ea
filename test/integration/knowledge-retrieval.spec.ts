import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { prepareDatabase } from '@sluice/database';
import { SegmentsRepository, toTsvectorLiteral } from '@sluice/knowledge';
import type { VectorHit, VectorSearchOptions, VectorStore } from '@sluice/vector';
import { parseMetadataFilter } from '../../apps/dataset/src/retrieval/metadata-filter';
import { QueryEmbedder } from '../../apps/dataset/src/retrieval/query-embedder';
import { Reranker } from '../../apps/dataset/src/retrieval/reranker';
import { parseRetrievalModel } from '../../apps/dataset/src/retrieval/retrieval-settings';
import { RetrievalService } from '../../apps/dataset/src/retrieval/retrieval.service';
import { DatasetRow, SegmentSearchRepository } from '../../apps/dataset/src/retrieval/segment-search.repository';
import { PG_ADMIN_URL, dropDatabase } from '../support/test-platform';

/** Vector side replaced by a store that scores by shared words: this suite is about the SQL. */
class WordOverlapStore implements Pick<VectorStore, 'search'> {
  points: { segmentId: string; childId?: string; documentId: string; datasetId: string; text: string }[] = [];
  async search(_c: string, vector: number[], o: VectorSearchOptions): Promise<VectorHit[]> {
    const q = new Set(String.fromCharCode(...vector).split(' '));
    return this.points
      .filter((p) => o.datasetIds.includes(p.datasetId) && (!o.documentIds || o.documentIds.includes(p.documentId)))
      .map((p) => {
        const w = p.text.toLowerCase().split(/\W+/);
        const score = w.filter((x) => q.has(x)).length / Math.sqrt(w.length * q.size);
        return {
          id: randomUUID(),
          score,
          payload: {
            tenant_id: 't',
            dataset_id: p.datasetId,
            document_id: p.documentId,
            segment_id: p.segmentId,
            child_chunk_id: p.childId ?? null,
            doc_hash: 'h',
          },
        };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, o.topK);
  }
}

describe('retrieval SQL against PostgreSQL', () => {
  const dbName = `sluice_test_${randomBytes(5).toString('hex')}`;
  let ds: DataSource;
  let svc: RetrievalService;
  const store = new WordOverlapStore();
  let tenantId = '';
  const datasets: Record<string, DatasetRow> = {};
  const seg: Record<string, string> = {};

  async function dataset(name: string, docForm = 'text_model'): Promise<DatasetRow> {
    const [{ id }] = await ds.query(
      `INSERT INTO datasets (tenant_id, name, indexing_technique, embedding_model, embedding_dimension, doc_form) VALUES ($1, $2, 'high_quality', 'm', 4, $3) RETURNING id`,
      [tenantId, name, docForm],
    );
    return (await new SegmentSearchRepository(ds, new SegmentsRepository(ds)).findDatasets(tenantId, [id]))[0];
  }

  async function document(datasetId: string, name: string, meta: Record<string, unknown>, extra: { archived?: boolean; status?: string } = {}) {
    const [{ id }] = await ds.query(
      `INSERT INTO documents (tenant_id, dataset_id, position, process_rule, batch, name, indexing_status, archived, doc_metadata)
       VALUES ($1, $2, 1, '{}', 'b', $3, $4, $5, $6) RETURNING id`,
      [tenantId, datasetId, name, extra.status ?? 'completed', extra.archived ?? false, JSON.stringify(meta)],
    );
    return id as string;
  }

  async function segment(key: string, datasetId: string, documentId: string, content: string, opts: { enabled?: boolean; children?: string[] } = {}) {
    const id = randomUUID();
    const pos = Object.keys(seg).length + 1;
    await ds.query(
      `INSERT INTO document_segments (id, tenant_id, dataset_id, document_id, position, content, word_count, index_node_id, index_node_hash, status, enabled, search_vector)
       VALUES ($1, $2, $3, $4, $5, $6, length($6), $7, 'h', 'completed', $8, $9::tsvector)`,
      [id, tenantId, datasetId, documentId, pos, content, randomUUID(), opts.enabled ?? true, toTsvectorLiteral(content)],
    );
    seg[key] = id;
    if (!opts.children) return store.points.push({ segmentId: id, documentId, datasetId, text: content });
    for (const [i, child] of opts.children.entries()) {
      const cid = randomUUID();
      await ds.query(
        `INSERT INTO child_chunks (id, tenant_id, dataset_id, document_id, segment_id, position, content, index_node_id, index_node_hash, search_vector)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'h', $9::tsvector)`,
        [cid, tenantId, datasetId, documentId, id, i + 1, child, randomUUID(), toTsvectorLiteral(child)],
      );
      seg[`${key}.${i + 1}`] = cid;
      store.points.push({ segmentId: id, childId: cid, documentId, datasetId, text: child });
    }
  }

  before(async () => {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    await prepareDatabase(url.toString());
    ds = new DataSource({ type: 'postgres', url: url.toString() });
    await ds.initialize();
    [{ id: tenantId }] = await ds.query(`INSERT INTO tenants (name) VALUES ('t') RETURNING id`);
    // The query "vector" carries the query's words, which the store above compares with each text.
    const embedder: QueryEmbedder = { embedQuery: async (_t, _m, text) => [...text.toLowerCase().split(/\W+/).join(' ')].map((c) => c.charCodeAt(0)) };
    svc = new RetrievalService(new SegmentSearchRepository(ds, new SegmentsRepository(ds)), store as unknown as VectorStore, embedder, {} as Reranker);

    datasets.main = await dataset('main');
    const billing = await document(datasets.main.id, 'billing.txt', { category: 'billing', year: 2024, published: '2024-03-01T00:00:00Z', tags: 'x' });
    const zoo = await document(datasets.main.id, 'zoo.txt', { category: 'animals', year: '2019', published: 1546300800 });
    const old = await document(datasets.main.id, 'old.txt', { category: 'billing' }, { archived: true });
    const pending = await document(datasets.main.id, 'pending.txt', { category: 'billing' }, { status: 'indexing' });
    await segment('refund', datasets.main.id, billing, 'Refund policy: return any product within thirty days for a refund.');
    await segment('invoice', datasets.main.id, billing, 'Invoices are emailed monthly; the refund appears on the next invoice.');
    await segment('disabled', datasets.main.id, billing, 'Refund policy draft that was switched off.', { enabled: false });
    await segment('cn', datasets.main.id, billing, '退款政策：自收货之日起三十天内可以无理由退货。');
    await segment('giraffe', datasets.main.id, zoo, 'Giraffes sleep standing up.');
    await segment('archived', datasets.main.id, old, 'Refund policy of an archived document.');
    await segment('pending', datasets.main.id, pending, 'Refund policy of a document still indexing.');

    datasets.many = await dataset('many');
    const many = await document(datasets.many.id, 'many.txt', {});
    for (let i = 0; i < 15; i++) await segment(`ab${i}`, datasets.many.id, many, `alpha beta item ${i}${' filler'.repeat(i % 4)}`);
    await segment('ga1', datasets.many.id, many, 'gamma alpha first');
    await segment('ga2', datasets.many.id, many, 'gamma alpha second with more words');
    await segment('g', datasets.many.id, many, 'gamma alone');

    datasets.tree = await dataset('tree', 'hierarchical_model');
    const manual = await document(datasets.tree.id, 'manual.txt', {});
    await segment('parent', datasets.tree.id, manual, 'Chapter 3. Batteries. Charge fully before first use. Never expose to heat.', {
      children: ['Charge fully before first use.', 'Never expose batteries to heat.'],
    });
  });
  after(async () => {
    await ds?.destroy();
    await dropDatabase(dbName);
  });

  const ids = (recs: { segment: { id: string } }[]) => recs.map((r) => r.segment.id);
  const run = (query: string, model: Record<string, unknown>, filter?: unknown, d = datasets.main) =>
    svc.retrieve({ tenantId, datasets: [d], query, retrievalModel: parseRetrievalModel({ top_k: 10, ...model }), filter: parseMetadataFilter(filter ?? null) });

  it('returns only enabled segments of enabled, unarchived, completed documents', async () => {
    for (const search_method of ['full_text_search', 'semantic_search', 'hybrid_search']) {
      const got = ids(await run('refund policy', { search_method }));
      assert.equal(got[0], seg.refund, search_method);
      for (const hidden of ['disabled', 'archived', 'pending']) assert.ok(!got.includes(seg[hidden]), `${search_method} hides ${hidden}`);
    }
  });

  it('full-text scores are BM25 normalized to 0..1 and find Chinese text', async () => {
    const recs = await run('refund policy', { search_method: 'full_text_search' });
    assert.ok(recs[0].score > 0.8 && recs[0].score <= 1, String(recs[0].score));
    assert.ok(recs[1].score < recs[0].score);
    const cn = await run('退款政策', { search_method: 'full_text_search' });
    assert.deepEqual(ids(cn), [seg.cn]);
  });

  it('a repeated query, pruned with the cached lexeme frequencies, returns the same records and scores', async () => {
    const summary = (recs: { segment: { id: string }; score: number }[]) => recs.map((r) => [r.segment.id, r.score.toFixed(9)]);
    for (const q of ['refund policy invoice', 'giraffes sleep refund', '退款政策', 'batteries heat', 'gamma alpha beta']) {
      const d = q === 'batteries heat' ? datasets.tree : q.startsWith('gamma') ? datasets.many : datasets.main;
      const first = await run(q, { search_method: 'full_text_search', top_k: 2 }, null, d);
      const again = await run(q, { search_method: 'full_text_search', top_k: 2 }, null, d);
      assert.ok(first.length > 0, q);
      assert.deepEqual(summary(again), summary(first), q);
    }
    // More matches than candidates: the pruned search stops before reading the commonest lexeme's rows.
    const [best] = await run('gamma alpha beta', { search_method: 'full_text_search', top_k: 1 }, null, datasets.many);
    assert.equal(best.segment.id, seg.ga1);
  });

  it('metadata operators run as SQL on doc_metadata and built-in fields', async () => {
    const only = async (conditions: unknown[], logical_operator = 'and') =>
      [
        ...new Set(
          (await run('refund giraffes invoice policy sleep', { search_method: 'full_text_search' }, { logical_operator, conditions })).map(
            (r) => r.segment.document_name,
          ),
        ),
      ].sort();
    assert.deepEqual(await only([{ name: 'category', comparison_operator: 'is', value: 'animals' }]), ['zoo.txt']);
    assert.deepEqual(await only([{ name: 'category', comparison_operator: 'contains', value: 'BILL' }]), ['billing.txt']);
    assert.deepEqual(await only([{ name: 'year', comparison_operator: '≥', value: 2020 }]), ['billing.txt']);
    assert.deepEqual(await only([{ name: 'year', comparison_operator: '<', value: '2020' }]), ['zoo.txt']);
    assert.deepEqual(await only([{ name: 'published', comparison_operator: 'after', value: '2023-01-01' }]), ['billing.txt']);
    assert.deepEqual(await only([{ name: 'published', comparison_operator: 'before', value: 1700000000 }]), ['zoo.txt']);
    assert.deepEqual(await only([{ name: 'tags', comparison_operator: 'empty' }]), ['zoo.txt']);
    assert.deepEqual(await only([{ name: 'category', comparison_operator: 'in', value: ['animals', 'other'] }]), ['zoo.txt']);
    assert.deepEqual(await only([{ name: 'category', comparison_operator: 'not in', value: 'animals' }]), ['billing.txt']);
    assert.deepEqual(await only([{ name: 'document_name', comparison_operator: 'start with', value: 'zoo' }]), ['zoo.txt']);
    assert.deepEqual(
      await only(
        [
          { name: 'category', comparison_operator: 'is', value: 'animals' },
          { name: 'year', comparison_operator: '=', value: 2024 },
        ],
        'or',
      ),
      ['billing.txt', 'zoo.txt'],
    );
    assert.deepEqual(await only([{ name: 'year', comparison_operator: '>', value: 'not a number' }]), []);
  });

  it('hierarchical datasets return the parent with its matched children, scored by the best child', async () => {
    for (const search_method of ['full_text_search', 'semantic_search']) {
      const [rec] = await run('batteries heat', { search_method }, null, datasets.tree);
      assert.equal(rec.segment.id, seg.parent, search_method);
      assert.equal(rec.childChunks[0].id, seg['parent.2'], search_method);
      assert.equal(rec.childChunks[0].content, 'Never expose batteries to heat.');
      assert.equal(rec.score, Math.max(...rec.childChunks.map((c) => c.score)));
    }
  });

  it('raises hit_count of exactly the returned segments', async () => {
    const before = await ds.query(`SELECT id, hit_count FROM document_segments WHERE dataset_id = $1`, [datasets.main.id]);
    const recs = await run('giraffes', { search_method: 'full_text_search', top_k: 1 });
    const after = await ds.query(`SELECT id, hit_count FROM document_segments WHERE dataset_id = $1`, [datasets.main.id]);
    const delta = after
      .filter((a: { id: string; hit_count: number }) => a.hit_count !== before.find((b: { id: string }) => b.id === a.id).hit_count)
      .map((a: { id: string }) => a.id);
    assert.deepEqual(delta, ids(recs));
    assert.deepEqual(ids(recs), [seg.giraffe]);
  });
});
