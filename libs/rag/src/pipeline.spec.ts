import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { processDocument, processDocumentStream } from './pipeline';
import { DocumentExtractionError, ProcessRuleValidationError } from './rag.errors';
import { segmentEmbeddingText } from './segment-builder';
import { charLength } from './splitter';
import { makePdf } from './testing/fixtures';

const text = (s: string) => ({ filename: 'doc.txt', buffer: Buffer.from(s) });

describe('processDocument', () => {
  it('turns a PDF into numbered segments that remember their page', async () => {
    const pdf = await makePdf(4, (p) => Array.from({ length: 30 }, (_, i) => `Page ${p}, line ${i}: knowledge bases split documents into chunks.`));
    const { segments, stats } = await processDocument({ filename: 'book.pdf', buffer: pdf }, { mode: 'automatic' });
    assert.equal(stats.pages, 4);
    assert.deepEqual(
      segments.map((s) => s.position),
      segments.map((_, i) => i + 1),
    );
    assert.deepEqual([...new Set(segments.map((s) => s.page))], [1, 2, 3, 4]);
    for (const s of segments) {
      assert.ok(s.wordCount <= 500 && s.wordCount === charLength(s.content));
      assert.equal(s.hash, createHash('sha256').update(s.content).digest('hex'));
      assert.ok(s.tokens > 0 && s.tokens < s.wordCount);
      assert.ok(s.content.startsWith(`Page ${s.page},`) || !s.content.includes(`Page ${s.page! + 1},`), 'no chunk straddles pages');
    }
  });

  it('keeps Markdown sections apart and carries the heading path', async () => {
    const md = '# Guide\n\nWelcome.\n\n## Install\n\nRun npm i.\n\n## Configure\n\nEdit config.yaml.';
    const { segments } = await processDocument({ filename: 'guide.md', buffer: Buffer.from(md) }, { mode: 'automatic' });
    assert.deepEqual(
      segments.map((s) => [s.headingPath, s.content]),
      [
        [['Guide'], '# Guide\n\nWelcome.'],
        [['Guide', 'Install'], '## Install\n\nRun npm i.'],
        [['Guide', 'Configure'], '## Configure\n\nEdit config.yaml.'],
      ],
    );
    assert.equal(segmentEmbeddingText(segments[1]), 'Guide > Install\n## Install\n\nRun npm i.');
  });

  it('applies the cleaning rules before splitting', async () => {
    const { segments } = await processDocument(text('a   b\n\n\n\nc https://x.io d'), {
      mode: 'custom',
      rules: {
        pre_processing_rules: [
          { id: 'remove_extra_spaces', enabled: true },
          { id: 'remove_urls_emails', enabled: true },
        ],
        segmentation: { separator: '###', max_tokens: 500 },
      },
    });
    assert.deepEqual(
      segments.map((s) => s.content),
      ['a b\n\nc d'],
    );
  });

  it('custom mode: one segment per separator piece, none above max_tokens', async () => {
    const body = ['alpha', 'beta', 'x'.repeat(130)].join('\n\n');
    const { segments } = await processDocument(text(body), {
      mode: 'custom',
      rules: { segmentation: { separator: '\\n\\n', max_tokens: 50, chunk_overlap: 0 } },
    });
    assert.deepEqual(
      segments.map((s) => s.content.length),
      [5, 4, 50, 50, 30],
    );
  });

  it('hierarchical paragraph mode: parents by segmentation, children by subchunk_segmentation', async () => {
    const body = 'Parent one line A.\nParent one line B.\n\nParent two line A.\nParent two line B.\nParent two line C.';
    const { segments } = await processDocument(text(body), {
      mode: 'hierarchical',
      rules: { parent_mode: 'paragraph', segmentation: { separator: '\\n\\n', max_tokens: 500 }, subchunk_segmentation: { separator: '\\n', max_tokens: 50 } },
    });
    assert.equal(segments.length, 2);
    assert.deepEqual(
      segments[1].children?.map((c) => [c.position, c.content]),
      [
        [1, 'Parent two line A.'],
        [2, 'Parent two line B.'],
        [3, 'Parent two line C.'],
      ],
    );
    for (const parent of segments) for (const child of parent.children ?? []) assert.ok(parent.content.includes(child.content));
  });

  it('hierarchical full-doc mode: the whole document is one parent', async () => {
    const body = 'First paragraph.\n\nSecond paragraph.\n\nThird paragraph.';
    const { segments } = await processDocument(text(body), {
      mode: 'hierarchical',
      rules: { parent_mode: 'full-doc', subchunk_segmentation: { separator: '\\n\\n', max_tokens: 50 } },
    });
    assert.equal(segments.length, 1);
    assert.equal(segments[0].content, body);
    assert.deepEqual(
      segments[0].children?.map((c) => c.content),
      ['First paragraph.', 'Second paragraph.', 'Third paragraph.'],
    );
  });

  it('makes one segment per spreadsheet row', async () => {
    const { segments } = await processDocument({ filename: 'faq.csv', buffer: Buffer.from('q,a\nWhat?,This.\nWhy?,Because.\n') }, { mode: 'automatic' });
    assert.deepEqual(
      segments.map((s) => s.content),
      ['q: What?; a: This.', 'q: Why?; a: Because.'],
    );
  });

  it('rejects an invalid rule before reading the file, and empty content after', async () => {
    await assert.rejects(processDocument(text('x'), { mode: 'custom', rules: { segmentation: { max_tokens: 5 } } }), ProcessRuleValidationError);
    await assert.rejects(
      processDocument(text('\n\n  \n'), { mode: 'automatic' }),
      (err: Error) => err instanceof DocumentExtractionError && err.reason === 'no_text',
    );
  });

  it('streams segments and reports progress through stats', async () => {
    const stats = { blocks: 0, pages: 0, wordCount: 0, segments: 0, tokens: 0 };
    let seen = 0;
    for await (const s of processDocumentStream(
      text('one\n\ntwo\n\nthree'),
      { mode: 'custom', rules: { segmentation: { separator: '\n\n', max_tokens: 100 } } },
      { stats, countTokens: () => 1 },
    )) {
      seen++;
      assert.equal(s.tokens, 1);
      assert.equal(stats.segments, seen, 'stats count what has been yielded so far');
    }
    assert.equal(stats.segments, 3);
    assert.equal(stats.wordCount, 11);
  });
});
