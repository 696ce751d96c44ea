import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http } from '../support/http-client';
import { KnowledgeClient } from '../support/knowledge-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

/** The model's side: one Q/A pair per sentence of the chunk it is sent, in the format the prompt asks for. */
function qaReply(body: any): string | null {
  const system = String(body.messages?.[0]?.content ?? '');
  if (!system.includes('question-and-answer pairs')) return null;
  const chunk = String(body.messages.at(-1).content);
  const lang = /Write all questions and answers in ([^,]+),/.exec(system)?.[1] ?? '?';
  return chunk
    .split(/(?<=\.)\s+/)
    .filter((s) => s.trim())
    .map((sentence, i) => `Q${i + 1}: (${lang}) What does the handbook say about ${sentence.split(' ').slice(0, 3).join(' ')}?\nA${i + 1}: ${sentence.trim()}`)
    .join('\n');
}

describe('Knowledge: Q&A documents (doc_form qa_model)', () => {
  let t: TestPlatform;
  let c: KnowledgeClient;
  let consoleToken = '';
  const api = (method: string, path: string, body?: unknown) => c.api(method, path, body);

  before(async () => {
    t = await startTestPlatform();
    let admin;
    ({ client: c, admin } = await KnowledgeClient.create(t));
    consoleToken = admin.token;
  });
  after(async () => t?.stop());

  it('the model turns each chunk into question/answer segments; questions are embedded, answers come back from retrieval', async () => {
    t.model.setReply(qaReply);
    try {
      const d = await c.newDataset('FAQ');
      const text = 'Refunds are paid within 14 days. The office opens at nine.\n\nParking is free for visitors. Badges are issued at the front desk.';
      const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, {
        name: 'faq',
        text,
        indexing_technique: 'high_quality',
        doc_form: 'qa_model',
        doc_language: 'German',
        process_rule: { mode: 'custom', rules: { pre_processing_rules: [], segmentation: { separator: '\n\n', max_tokens: 80, chunk_overlap: 0 } } },
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.document.doc_form, 'qa_model');
      const [status] = await c.waitForBatch(d.id, r.body.batch);
      assert.equal(status.indexing_status, 'completed', JSON.stringify(status));
      assert.equal(status.total_segments, 4, 'one segment per pair: two chunks of two sentences');

      const segs = await api('GET', `/datasets/${d.id}/documents/${r.body.document.id}/segments`);
      assert.equal(segs.status, 200, segs.text);
      const byAnswer = new Map(segs.body.data.map((s: any) => [s.answer, s]));
      const refund: any = byAnswer.get('Refunds are paid within 14 days.');
      assert.ok(refund, JSON.stringify(segs.body.data));
      assert.equal(refund.content, '(German) What does the handbook say about Refunds are paid?', 'the question is the content, asked in doc_language');
      assert.equal(refund.word_count, [...refund.content].length + [...refund.answer].length);
      assert.deepEqual(segs.body.data.map((s: any) => s.position).sort(), [1, 2, 3, 4]);

      // Semantic search matches the question's vector and returns the answer with it.
      const hit = await api('POST', `/datasets/${d.id}/retrieve`, { query: refund.content, retrieval_model: { search_method: 'semantic_search', top_k: 1 } });
      assert.equal(hit.status, 200, hit.text);
      assert.equal(hit.body.records[0].segment.id, refund.id);
      assert.equal(hit.body.records[0].segment.answer, 'Refunds are paid within 14 days.');
      // Full-text search finds words that only the answer holds.
      const words = await api('POST', `/datasets/${d.id}/retrieve`, {
        query: 'front desk badges',
        retrieval_model: { search_method: 'full_text_search', top_k: 1 },
      });
      assert.equal(words.body.records[0]?.segment.answer, 'Badges are issued at the front desk.');

      // Adding a segment by hand needs the answer in Q&A documents.
      const manual = await api('POST', `/datasets/${d.id}/documents/${r.body.document.id}/segments`, { segments: [{ content: 'Is there a canteen?' }] });
      assert.equal(manual.status, 400);
      assert.equal(manual.body.code, 'invalid_param');
    } finally {
      t.model.setReply(null);
    }
  });

  it('a Q&A document paused while the model writes its pairs resumes without asking the model again', async () => {
    const asked = () => t.model.requests.filter((x) => x.path === '/chat/completions' && JSON.stringify(x.body).includes('question-and-answer pairs')).length;
    t.model.setReply(qaReply);
    t.model.setLatency({ firstTokenMs: 800 });
    try {
      const d = await c.newDataset('FAQ pause');
      const r = await api('POST', `/datasets/${d.id}/document/create-by-text`, {
        name: 'faq',
        text: 'Refunds are paid within 14 days. The office opens at nine.',
        indexing_technique: 'high_quality',
        doc_form: 'qa_model',
      });
      const status = async () => (await api('GET', `/datasets/${d.id}/documents/${r.body.batch}/indexing-status`)).body.data[0];
      for (const deadline = Date.now() + 10_000; (await status()).indexing_status !== 'splitting';) {
        assert.ok(Date.now() < deadline, 'reaches splitting');
        await new Promise((res) => setTimeout(res, 20));
      }
      const pause = await http(t.base, 'PATCH', `/console/api/datasets/${d.id}/documents/${r.body.document.id}/processing/pause`, { token: consoleToken });
      assert.equal(pause.status, 204, pause.text);
      // The model's answer arrives after the pause: the pairs are kept, the segments are not written.
      await new Promise((res) => setTimeout(res, 1_500));
      assert.equal((await status()).indexing_status, 'paused');
      const before = asked();
      assert.ok(before >= 1);
      t.model.setLatency({});
      const resume = await http(t.base, 'PATCH', `/console/api/datasets/${d.id}/documents/${r.body.document.id}/processing/resume`, { token: consoleToken });
      assert.equal(resume.status, 204, resume.text);
      const [done] = await c.waitForBatch(d.id, r.body.batch);
      assert.equal(done.indexing_status, 'completed', JSON.stringify(done));
      assert.equal(done.total_segments, 2);
      assert.equal(asked(), before, 'the pairs written before the pause are reused');
    } finally {
      t.model.setReply(null);
      t.model.setLatency({});
    }
  });

  it('a model failure or a reply without pairs ends the document in error with a readable message; economy datasets are refused', async () => {
    const d = await c.newDataset('FAQ failures');
    const create = (name: string) =>
      api('POST', `/datasets/${d.id}/document/create-by-text`, {
        name,
        text: 'Refunds are paid within 14 days.',
        indexing_technique: 'high_quality',
        doc_form: 'qa_model',
      });

    t.model.failNext(1, { status: 400, message: 'context length exceeded' });
    const failed = await create('fails');
    assert.equal(failed.status, 200, failed.text);
    const [s1] = await c.waitForBatch(d.id, failed.body.batch);
    assert.equal(s1.indexing_status, 'error');
    assert.match(s1.error, /Generating questions and answers with gpt-4o-mini failed: .*context length exceeded/);

    t.model.setReply('I am not able to do that.');
    try {
      const empty = await create('no pairs');
      const [s2] = await c.waitForBatch(d.id, empty.body.batch);
      assert.equal(s2.indexing_status, 'error');
      assert.match(s2.error, /no question\/answer pairs/);
    } finally {
      t.model.setReply(null);
    }

    const economy = await c.newDataset('FAQ economy', { indexing_technique: 'economy' });
    const refused = await api('POST', `/datasets/${economy.id}/document/create-by-text`, {
      name: 'x',
      text: 'y',
      indexing_technique: 'economy',
      doc_form: 'qa_model',
    });
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.code, 'invalid_param');
  });
});
