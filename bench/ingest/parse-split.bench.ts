/**
 * Ingestion throughput without the embedder: generated PDFs (100 and 500 pages, ~3 KB of text per
 * page) through extract → clean → split (automatic rule, token counting on), in pages per second.
 * Budget (ARCHITECTURE.md): ≥ 150 pages/s on the 2-core reference machine. Prints numbers; not a test.
 *
 *   node scripts/build.mjs && node dist/bench/ingest/parse-split.bench.js     (env: BENCH_REPEAT=3)
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ExtractorRegistry, extractDocument, processDocument, warmUp } from '@sluice/rag';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const VOCAB = (
  'the knowledge base splits every document into segments which are embedded and indexed so that retrieval ' +
  'can find relevant passages quickly while preserving headings page numbers tables and the original wording ' +
  'ingestion workers stream pages clean control characters collapse whitespace and merge small pieces'
).split(' ');

async function makePdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 45; line++) {
      const words: string[] = [];
      while (words.join(' ').length < 80) words.push(VOCAB[Math.floor(rand() * VOCAB.length)]);
      const text = line % 9 === 8 ? `${words.join(' ')}.` : words.join(' ');
      page.drawText(text, { x: 36, y: 806 - line * 17, size: 9, font });
    }
  }
  return Buffer.from(await doc.save());
}

function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const rule = { mode: 'automatic' };
  const inWorker = new ExtractorRegistry({ pdfInWorker: true });
  const pdfs = new Map<number, Buffer>();
  for (const pages of [100, 500]) pdfs.set(pages, await makePdf(pages));

  // First parse in a fresh process pays for loading pdf.js and the tokenizer; report it separately.
  const cold = await time(() => processDocument({ filename: 'cold.pdf', buffer: pdfs.get(100)! }, rule));
  console.log(
    `cold start: 100 pages in ${cold.toFixed(2)} s = ${(100 / cold).toFixed(0)} pages/s (includes loading pdf.js + tokenizer; warmUp() at boot avoids this)`,
  );
  await warmUp();

  for (const [pages, buffer] of pdfs) {
    const mb = (buffer.length / 1024 / 1024).toFixed(1);
    const extractOnly: number[] = [];
    const full: number[] = [];
    const worker: number[] = [];
    let segments = 0;
    for (let r = 0; r < REPEAT; r++) {
      extractOnly.push(
        await time(async () => {
          for await (const _ of extractDocument({ filename: 'bench.pdf', buffer })) void _;
        }),
      );
      full.push(await time(async () => (segments = (await processDocument({ filename: 'bench.pdf', buffer }, rule)).segments.length)));
      worker.push(await time(() => processDocument({ filename: 'bench.pdf', buffer }, rule, { registry: inWorker })));
    }
    const rate = (xs: number[]) => (pages / Math.min(...xs)).toFixed(0);
    const median = (xs: number[]) => (pages / [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]).toFixed(0);
    console.log(
      `${pages} pages (${mb} MB, ${segments} segments): ` +
        `extract ${rate(extractOnly)} pages/s | extract→clean→split ${rate(full)} pages/s (median ${median(full)}) | ` +
        `same in worker thread ${rate(worker)} pages/s (median ${median(worker)}) | rss ${rssMb()} MB`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
