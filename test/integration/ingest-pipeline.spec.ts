import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type DocumentStatusRow, IngestHarness } from '../../libs/knowledge/src/testing/ingest-harness';
import { makePdf } from '../../libs/rag/src/testing/fixtures';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const paragraph = (i: number) =>
  `Section ${i}. The knowledge base keeps every document searchable. Refunds are processed within ${i} business days ` +
  `after the request, and the support team answers questions about invoices, shipping and returns.`;

function assertTimestampsInOrder(r: DocumentStatusRow) {
  const order = ['processing_started_at', 'parsing_completed_at', 'cleaning_completed_at', 'splitting_completed_at', 'completed_at'] as const;
  for (const k of order) assert.ok(r[k], `${k} is set`);
  for (let i = 1; i < order.length; i++) {
    assert.ok(new Date(r[order[i]]!).getTime() >= new Date(r[order[i - 1]]!).getTime(), `${order[i]} >= ${order[i - 1]}`);
  }
}

describe('ingestion pipeline (real Redis, PostgreSQL, embedded vector store)', () => {
  let p: TestPlatform;
  let h: IngestHarness;
  let dataset: string;

  before(async () => {
    p = await startTestPlatform({ SERVICES: 'ingest-worker', HEALTH_PORT: '0' });
    h = await IngestHarness.create(p.config);
    dataset = await h.createDataset();
  });
  after(async () => {
    await h?.close();
    await p?.stop();
  });

  it('takes a text document to completed with every timestamp in order and one vector per segment', async () => {
    const text = Array.from({ length: 40 }, (_, i) => paragraph(i + 1)).join('\n\n');
    const doc = await h.createDocument(dataset, 'faq.txt', text);
    await h.enqueue(dataset, doc);
    const r = (await h.waitForStatus(doc, ['completed', 'error']))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
    assertTimestampsInOrder(r);
    assert.equal(r.error, null);
    assert.ok(r.word_count >= text.length - 100, 'word_count counts the extracted characters');
    const segments = await h.segmentCount(doc);
    assert.ok(segments >= 2, `several segments (${segments})`);
    assert.equal(r.total_segments, segments);
    assert.equal(r.completed_segments, segments);
    assert.ok(r.tokens > 0);
    assert.ok(r.indexing_latency !== null && r.indexing_latency >= 0);
    assert.equal(await h.vectorCount(dataset, doc), segments);
    const [hit] = await h.ds.query(
      `SELECT count(*)::int AS n FROM document_segments WHERE document_id = $1 AND search_vector @@ to_tsquery('simple', 'refunds')`,
      [doc],
    );
    assert.ok(hit.n > 0, 'segments are in the full-text index');
  });

  it('takes a generated PDF to completed, pages recorded on its segments', async () => {
    const pdf = await makePdf(12, (page) => Array.from({ length: 30 }, (_, i) => `Page ${page} line ${i} about invoices and refunds in the handbook.`));
    const doc = await h.createDocument(dataset, 'handbook.pdf', pdf);
    await h.enqueue(dataset, doc);
    const r = (await h.waitForStatus(doc, ['completed', 'error']))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
    assertTimestampsInOrder(r);
    const segments = await h.segmentCount(doc);
    assert.equal(await h.vectorCount(dataset, doc), segments);
    const pages: { page: number }[] = await h.ds.query(
      `SELECT DISTINCT (meta->>'page')::int AS page FROM document_segments WHERE document_id = $1 ORDER BY 1`,
      [doc],
    );
    assert.equal(pages.length, 12);
  });

  it('running the same job again does not duplicate segments or vectors', async () => {
    const doc = await h.createDocument(dataset, 'again.txt', Array.from({ length: 20 }, (_, i) => paragraph(i)).join('\n\n'));
    await h.enqueue(dataset, doc);
    await h.waitForStatus(doc, ['completed']);
    const segments = await h.segmentCount(doc);
    // A redelivered job (at-least-once) for a finished document, and a forced full re-run of the same generation.
    await h.enqueue(dataset, doc);
    await h.ds.query(
      `UPDATE documents SET indexing_status = 'waiting', parsing_completed_at = NULL, cleaning_completed_at = NULL, splitting_completed_at = NULL WHERE id = $1`,
      [doc],
    );
    await h.enqueue(dataset, doc);
    await h.enqueue(dataset, doc);
    const r = (await h.waitForStatus(doc, ['completed', 'error']))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
    assert.equal(await h.segmentCount(doc), segments);
    assert.equal(await h.vectorCount(dataset, doc), segments);
  });

  it('a corrupt PDF and a zero-byte file end in error with a readable message; the next document still completes', async () => {
    const corrupt = await h.createDocument(dataset, 'broken.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]));
    const empty = await h.createDocument(dataset, 'empty.txt', Buffer.alloc(0));
    const good = await h.createDocument(dataset, 'good.txt', paragraph(7));
    for (const d of [corrupt, empty, good]) await h.enqueue(dataset, d);
    const c = (await h.waitForStatus(corrupt, ['completed', 'error']))!;
    assert.equal(c.indexing_status, 'error');
    assert.match(c.error!, /PDF/i);
    assert.doesNotMatch(c.error!, /^\s+at /m);
    assert.ok(c.stopped_at);
    const e = (await h.waitForStatus(empty, ['completed', 'error']))!;
    assert.equal(e.indexing_status, 'error');
    assert.match(e.error!, /empty/i);
    const g = (await h.waitForStatus(good, ['completed', 'error']))!;
    assert.equal(g.indexing_status, 'completed', g.error ?? '');
  });

  it('an economy dataset is indexed full-text only, without embeddings', async () => {
    const economy = await h.createDataset({ technique: 'economy' });
    const before = p.model.embeddingCalls;
    const doc = await h.createDocument(economy, 'plain.txt', Array.from({ length: 10 }, (_, i) => paragraph(i)).join('\n\n'));
    await h.enqueue(economy, doc);
    const r = (await h.waitForStatus(doc, ['completed', 'error']))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
    assert.equal(p.model.embeddingCalls, before);
    assert.equal(r.completed_segments, await h.segmentCount(doc));
  });
  it('asks the model once per segment: the embed stage reuses or joins what was fetched while parsing', async () => {
    const rule = {
      mode: 'custom',
      rules: { pre_processing_rules: [{ id: 'remove_extra_spaces', enabled: true }], segmentation: { separator: '\\n\\n', max_tokens: 100, chunk_overlap: 0 } },
    };
    const text = Array.from({ length: 600 }, (_, i) => `Once ${i}: ${paragraph(i)}`).join('\n\n');
    // A provider with latency leaves the parse stage's requests in flight when the embed stage starts.
    p.model.setLatency({ embeddingMs: 150 });
    try {
      const inputsBefore = p.model.embeddedInputs;
      const doc = await h.createDocument(dataset, 'once.txt', text, { processRule: rule });
      await h.enqueue(dataset, doc);
      const r = (await h.waitForStatus(doc, ['completed', 'error']))!;
      assert.equal(r.indexing_status, 'completed', r.error ?? '');
      const segments = await h.segmentCount(doc);
      const [{ n: distinct }] = await h.ds.query(`SELECT count(DISTINCT content)::int AS n FROM document_segments WHERE document_id = $1`, [doc]);
      assert.ok(distinct >= 600, `several provider requests' worth of texts (${distinct})`);
      assert.equal(p.model.embeddedInputs - inputsBefore, distinct, 'each distinct text embedded exactly once');
      assert.equal(await h.vectorCount(dataset, doc), segments);
    } finally {
      p.model.setLatency({});
    }
  });

  it('a hierarchical document embeds its child chunks: one vector per child', async () => {
    const rule = {
      mode: 'hierarchical',
      rules: {
        pre_processing_rules: [{ id: 'remove_extra_spaces', enabled: true }],
        segmentation: { separator: '\\n\\n', max_tokens: 600, chunk_overlap: 0 },
        parent_mode: 'paragraph',
        subchunk_segmentation: { separator: '. ', max_tokens: 120, chunk_overlap: 0 },
      },
    };
    const doc = await h.createDocument(dataset, 'parents.txt', Array.from({ length: 8 }, (_, i) => paragraph(i)).join('\n\n'), {
      processRule: rule,
      docForm: 'hierarchical_model',
    });
    await h.enqueue(dataset, doc);
    const r = (await h.waitForStatus(doc, ['completed', 'error']))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
    const [c] = await h.ds.query(`SELECT count(*)::int AS n FROM child_chunks WHERE document_id = $1`, [doc]);
    assert.ok(c.n > (await h.segmentCount(doc)), 'parents have several children');
    assert.equal(await h.vectorCount(dataset, doc), c.n);
  });

  it('reindex-dataset rebuilds lost vectors from the segments in PostgreSQL', async () => {
    const ds2 = await h.createDataset();
    const docs = [];
    for (const n of [6, 9]) {
      const d = await h.createDocument(ds2, `r${n}.txt`, Array.from({ length: n }, (_, i) => paragraph(i + n)).join('\n\n'));
      await h.enqueue(ds2, d);
      docs.push(d);
    }
    for (const d of docs) assert.equal((await h.waitForStatus(d, ['completed', 'error']))!.indexing_status, 'completed');
    for (const d of docs) await h.removeDocumentVectors(ds2, d);
    await h.ds.query(`UPDATE document_segments SET search_vector = NULL WHERE dataset_id = $1`, [ds2]);
    assert.equal(await h.vectorCount(ds2, docs[0]), 0);
    await h.queue.enqueueReindex(h.tenantId, ds2);
    const until = Date.now() + 20_000;
    for (const d of docs) {
      const want = await h.segmentCount(d);
      while ((await h.vectorCount(ds2, d)) !== want) {
        assert.ok(Date.now() < until, 'vectors rebuilt in time');
        await new Promise((res) => setTimeout(res, 100));
      }
    }
    const [ft] = await h.ds.query(`SELECT count(*)::int AS n FROM document_segments WHERE dataset_id = $1 AND search_vector IS NULL`, [ds2]);
    assert.equal(ft.n, 0, 'full-text column rebuilt');
  });
});
