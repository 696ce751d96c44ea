import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DocumentExtractionError } from '../rag.errors';
import { collect, extractionError, makeImageOnlyPdf, makePdf } from '../testing/fixtures';
import { extractDocument } from './extractor-registry';
import { PdfExtractor } from './pdf-extractor';
import { PdfWorkerPool, extractPdfInWorker } from './pdf-worker-pool';

const threePages = () => makePdf(3, (p) => [`Chapter ${p} begins here.`, `Second line of page ${p}.`]);

describe('PDF extraction', () => {
  it('returns each page in order with its page number', async () => {
    const blocks = await collect(extractDocument({ filename: 'report.pdf', buffer: await threePages() }));
    assert.deepEqual(
      blocks.map((b) => b.page),
      [1, 2, 3],
    );
    assert.match(blocks[0].text, /Chapter 1 begins here\.\nSecond line of page 1\./);
    assert.match(blocks[2].text, /Chapter 3 begins here/);
  });

  it('reads from a path as well as a buffer', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rag-pdf-')), 'on-disk.pdf');
    writeFileSync(file, await threePages());
    const blocks = await collect(extractDocument({ filename: 'on-disk.pdf', path: file }));
    assert.equal(blocks.length, 3);
  });

  it('says a file is empty instead of failing obscurely', async () => {
    const err = await extractionError(extractDocument({ filename: 'empty.pdf', buffer: Buffer.alloc(0) }));
    assert.ok(err instanceof DocumentExtractionError);
    assert.equal(err.reason, 'empty_file');
    assert.equal(err.message, 'The file is empty.');
  });

  it('explains a PDF without a text layer (scans)', async () => {
    const err = await extractionError(extractDocument({ filename: 'scan.pdf', buffer: await makeImageOnlyPdf() }));
    assert.ok(err instanceof DocumentExtractionError);
    assert.equal(err.reason, 'no_text');
    assert.match(err.message, /no extractable text \(it may be a scanned image\)/);
  });

  it('reports a corrupt PDF readably', async () => {
    const good = await threePages();
    const corrupt = Buffer.concat([good.subarray(0, 200), Buffer.from('garbage'.repeat(50))]);
    const err = await extractionError(extractDocument({ filename: 'broken.pdf', buffer: corrupt }));
    assert.ok(err instanceof DocumentExtractionError);
    assert.equal(err.reason, 'corrupt');
    assert.match(err.message, /The PDF is corrupt or encrypted/);
  });

  it('reads a PDF uploaded with the wrong extension', async () => {
    const blocks = await collect(extractDocument({ filename: 'notes.txt', buffer: await threePages() }));
    assert.equal(blocks[1].page, 2);
  });

  it('lets timers run between pages, so job locks keep renewing', async () => {
    const pdf = await makePdf(60, (p) => Array.from({ length: 30 }, (_, i) => `Page ${p} line ${i} with some words to parse.`));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const blocks = await collect(new PdfExtractor().extract({ filename: 'big.pdf', buffer: pdf }));
    clearInterval(timer);
    assert.equal(blocks.length, 60);
    assert.ok(ticks >= 5, `expected timers to fire during parsing, got ${ticks}`);
  });
});

describe('PDF extraction in a worker thread', () => {
  it('yields the same pages as the in-process extractor', async () => {
    const pdf = await makePdf(5, (p) => [`Worker page ${p}.`]);
    const blocks = await collect(extractPdfInWorker({ filename: 'w.pdf', buffer: pdf }, { readAhead: 2 }));
    assert.deepEqual(
      blocks.map((b) => [b.page, b.text.trim()]),
      [1, 2, 3, 4, 5].map((p) => [p, `Worker page ${p}.`]),
    );
  });

  it('carries readable errors back from the worker', async () => {
    const err = await extractionError(extractPdfInWorker({ filename: 'scan.pdf', buffer: await makeImageOnlyPdf() }));
    assert.ok(err instanceof DocumentExtractionError);
    assert.equal(err.reason, 'no_text');
    const bad = await extractionError(extractPdfInWorker({ filename: 'bad.pdf', buffer: Buffer.from('%PDF-1.4\nnot really') }));
    assert.ok(bad instanceof DocumentExtractionError);
    assert.match(bad.message, /corrupt/);
  });

  it('reuses one worker across documents and recovers after a consumer stops early', async () => {
    const pool = new PdfWorkerPool({ size: 1 });
    try {
      const pdf = await makePdf(20, (p) => [`Page ${p}`]);
      for await (const block of pool.extract({ filename: 'x.pdf', buffer: pdf })) {
        assert.equal(block.page, 1);
        break;
      }
      const [a, b] = await Promise.all([collect(pool.extract({ filename: 'x.pdf', buffer: pdf })), collect(pool.extract({ filename: 'y.pdf', buffer: pdf }))]);
      assert.equal(a.length, 20);
      assert.equal(b.length, 20);
    } finally {
      await pool.close();
    }
  });

  it('aborts on signal', async () => {
    const pool = new PdfWorkerPool({ size: 1 });
    const controller = new AbortController();
    const pdf = await makePdf(30, (p) => [`Page ${p}`]);
    const err = await extractionError(
      (async function* () {
        for await (const block of pool.extract({ filename: 'x.pdf', buffer: pdf }, { signal: controller.signal })) {
          controller.abort(new Error('stopped by user'));
          yield block;
        }
      })(),
    );
    assert.equal(err.message, 'stopped by user');
    assert.equal((await collect(pool.extract({ filename: 'x.pdf', buffer: pdf }))).length, 30, 'pool still usable');
    await pool.close();
  });
});

describe('PDF extraction side effects', () => {
  it("leaves the caller's buffer intact (pdf.js transfers what it is given)", async () => {
    const pdf = await makePdf(2, (p) => [`Page ${p}`]);
    const copy = Buffer.from(pdf);
    await collect(new PdfExtractor().extract({ filename: 'a.pdf', buffer: pdf }));
    assert.equal(pdf.length, copy.length);
    assert.ok(pdf.equals(copy));
    assert.equal((await collect(new PdfExtractor().extract({ filename: 'a.pdf', buffer: pdf }))).length, 2);
  });

  // pdf-parse's bundled core-js swaps JSON.parse for a JavaScript polyfill process-wide, which every
  // request in `npm start` then paid for. The polyfill is told apart by the reviver's third argument.
  const polyfilledJsonParse = () => JSON.parse('1', (_key, value, context?: { source?: string }) => context?.source ?? value) === '1';

  it('keeps JSON.parse native after pdf.js has loaded and parsed a file', async () => {
    await collect(new PdfExtractor().extract({ filename: 'a.pdf', buffer: await makePdf(1, () => ['x']) }));
    assert.equal(polyfilledJsonParse(), false);
  });

  it('does not load pdf.js into a process that only imports the library', () => {
    const probe = `require(${JSON.stringify(join(__dirname, '..', 'index.js'))}); process.stdout.write(String(Object.keys(require.cache).some((f) => f.includes('/node_modules/pdf-parse/'))))`;
    assert.equal(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }), 'false');
  });
});
