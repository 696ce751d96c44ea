import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IngestHarness } from '../../libs/knowledge/src/testing/ingest-harness';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

/**
 * ~3000 segments by default: three embedding rounds, so a slow model leaves time to act mid-flight.
 * The pause test uses twice that: the worker embeds while it still parses (into the shared cache),
 * so with only three rounds the whole document could be done before the pause lands.
 */
const bigText = (tag: string, paragraphs = 6000) =>
  Array.from(
    { length: paragraphs },
    (_, i) => `${tag} paragraph ${i}: customers ask about refunds, invoices and delivery times; the answer differs for ${i}.`,
  ).join('\n\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pause, resume and delete mid-flight', () => {
  let p: TestPlatform;
  let h: IngestHarness;
  let dataset: string;

  before(async () => {
    p = await startTestPlatform({ SERVICES: 'ingest-worker', HEALTH_PORT: '0' });
    h = await IngestHarness.create(p.config);
    dataset = await h.createDataset();
  });
  after(async () => {
    p?.model.setLatency({});
    await h?.close();
    await p?.stop();
  });

  it('a document paused while embedding stops without changing its status, and resumes to completed', async () => {
    p.model.setLatency({ embeddingMs: 400 });
    const doc = await h.createDocument(dataset, 'pause.txt', bigText('pause', 12000));
    await h.enqueue(dataset, doc);
    await h.waitFor(doc, (r) => !!r && r.completed_segments > 0);
    await h.ds.query(`UPDATE documents SET is_paused = true, paused_at = now() WHERE id = $1`, [doc]);
    const paused = (await h.status(doc))!;
    await sleep(2500);
    const later = (await h.status(doc))!;
    assert.equal(later.indexing_status, 'indexing', 'status kept while paused');
    assert.ok(later.completed_segments < later.total_segments, 'work stopped before the end');
    assert.ok(later.completed_segments - paused.completed_segments <= 1024, 'at most the round in flight finished');
    const calls = p.model.embeddingCalls;
    await sleep(1000);
    assert.equal(p.model.embeddingCalls, calls, 'no more embedding while paused');

    p.model.setLatency({});
    await h.ds.query(`UPDATE documents SET is_paused = false, paused_at = NULL WHERE id = $1`, [doc]);
    const inputsBefore = p.model.embeddedInputs;
    await h.enqueue(dataset, doc);
    const r = (await h.waitForStatus(doc, ['completed', 'error']))!;
    assert.equal(r.indexing_status, 'completed', r.error ?? '');
    const segments = await h.segmentCount(doc);
    assert.equal(r.completed_segments, segments);
    assert.equal(await h.vectorCount(dataset, doc), segments);
    assert.ok(p.model.embeddedInputs - inputsBefore < segments, 'resume embedded only the remaining segments');
  });

  it('a document deleted while embedding leaves no segments and no vectors behind', async () => {
    p.model.setLatency({ embeddingMs: 250 });
    const doc = await h.createDocument(dataset, 'delete.txt', bigText('delete'));
    await h.enqueue(dataset, doc);
    await h.waitFor(doc, (r) => !!r && r.completed_segments > 0);
    // What the dataset service does: rows first, then the document's vectors.
    await h.ds.query(`DELETE FROM documents WHERE id = $1`, [doc]);
    await h.removeDocumentVectors(dataset, doc);
    await sleep(3000);
    p.model.setLatency({});
    assert.equal(await h.segmentCount(doc), 0);
    assert.equal(await h.vectorCount(dataset, doc), 0, 'the batch in flight was removed by the worker');
  });
});
