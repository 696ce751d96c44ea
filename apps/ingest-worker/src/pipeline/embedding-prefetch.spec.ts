import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DatasetIndexInfo, type Embedder, embeddingInputs } from '@sluice/knowledge';
import { ExtractedBlock, ProcessStats, SegmentBuilder, cleanText, cleaningRulesFrom, parseProcessRule, units } from '@sluice/rag';
import { EmbeddingPrefetch } from './embedding-prefetch';

const INFO: DatasetIndexInfo = { id: 'ds', tenantId: 't', indexingTechnique: 'high_quality', model: { provider: 'openai', name: 'm' }, dimension: null };
const RULE = parseProcessRule({
  mode: 'custom',
  rules: { pre_processing_rules: [{ id: 'remove_extra_spaces', enabled: true }], segmentation: { separator: '\n\n', max_tokens: 60, chunk_overlap: 0 } },
});

const blocks = (n: number): ExtractedBlock[] =>
  Array.from({ length: n }, (_, i) => ({
    page: Math.floor(i / 4) + 1,
    text: `Paragraph ${i}:   refunds take ${i} days,  invoices are   sent monthly and shipping is free above ${i * 10} euros.`,
  }));

/** What the clean and split stages make of the same blocks: the texts the embed stage will ask for. */
async function stageTexts(input: ExtractedBlock[]): Promise<string[]> {
  const rules = cleaningRulesFrom(RULE.rules.pre_processing_rules);
  const builder = new SegmentBuilder(RULE);
  const stats: ProcessStats = { blocks: 0, pages: 0, wordCount: 0, segments: 0, tokens: 0 };
  async function* source() {
    yield* input;
  }
  const out: string[] = [];
  for await (const u of units(source(), stats))
    for (const s of builder.add({ ...u, text: cleanText(u.text, rules) })) out.push(...embeddingInputs('text_model', s));
  return out;
}

function fakeEmbedder(fail = false) {
  const calls: string[][] = [];
  const embedder = {
    batchSize: 64,
    async embedTexts(_tenant: string, _model: unknown, texts: string[]) {
      calls.push(texts);
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('provider down');
      return { vectors: texts.map(() => [1]), tokens: texts.length };
    },
  };
  return { embedder: embedder as unknown as Embedder, calls };
}

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    assert.ok(Date.now() < end, 'timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('embeds the segments the clean and split stages will produce, in requests of at least 64 texts but the last', async () => {
  const input = blocks(400);
  const expected = await stageTexts(input);
  const { embedder, calls } = fakeEmbedder();
  const prefetch = new EmbeddingPrefetch(embedder, INFO, 'text_model', RULE, async () => true);
  for (const b of input) prefetch.push(b);
  prefetch.finish();
  assert.ok(expected.length > 2 * 256, `${expected.length} segments span several requests`);
  await until(() => calls.flat().length === expected.length);
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(calls.flat(), expected);
  assert.ok(
    calls.slice(0, -1).every((c) => c.length >= 64),
    `batch sizes ${calls.map((c) => c.length)}`,
  );
});

test('asks for nothing once the document no longer wants it (paused, deleted, superseded)', async () => {
  const { embedder, calls } = fakeEmbedder();
  const prefetch = new EmbeddingPrefetch(embedder, INFO, 'text_model', RULE, async () => false);
  for (const b of blocks(400)) prefetch.push(b);
  prefetch.finish();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(calls.length, 0);
});

test('a failing provider stops the prefetch after the requests in flight, without an unhandled rejection', async () => {
  const { embedder, calls } = fakeEmbedder(true);
  const prefetch = new EmbeddingPrefetch(embedder, INFO, 'text_model', RULE, async () => true);
  for (const b of blocks(400)) prefetch.push(b);
  prefetch.finish();
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(calls.length >= 1 && calls.length <= 2, `${calls.length} requests`);
});
