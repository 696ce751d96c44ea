/**
 * The ingestion pipeline end to end, through the real BullMQ queues, PostgreSQL and the embedded
 * vector store, with an ingest worker in its own process (as in production) and the test model
 * server in another, its embeddings answering after 0 ms and after 150 ms (a networked provider):
 *   - pages/s by document size (one document at a time);
 *   - pages/s by documents in flight (closed loop: each of K clients enqueues its next document
 *     when its last one completed);
 *   - peak worker RSS (VmHWM of a fresh worker process) while ingesting a generated ~100 MB PDF.
 * Same-run baseline: extract → clean → split of the same documents in this process (what
 * parse-split.bench.ts measures), measured before any worker starts; end to end is reported as a
 * fraction of it. Budgets (ARCHITECTURE.md): ≥ 150 pages/s parse → split; end to end ≥ 60 % of
 * that (embeddings at 0 ms, one document); RSS < 1 GB.
 *
 *   npm run bench:ingest   (env: BENCH_INGEST_SIZES=10,100,500,2000 BENCH_INGEST_INFLIGHT=1,8,32 BENCH_INGEST_INFLIGHT_PAGES=20
 *                           BENCH_EMBED_MS=0,150 BENCH_BIG_MB=100 (0 skips the RSS case) BENCH_BIG_TEXT_PAGES=2000,
 *                           BENCH_WORKER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the worker)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@sluice/config';
import { processDocument, warmUp } from '@sluice/rag';
import { IngestHarness } from '../../libs/knowledge/src/testing/ingest-harness';
import { PG_ADMIN_URL, REDIS_URL, deleteRedisPrefix, dropDatabase } from '../../test/support/test-platform';
import { ModelServer, machine } from '../support/platform';
import { envList, saveResult } from '../support/results';
import { DocumentPoller, makePdf, procStatusMb, startWorker, stopWorker } from './ingest-support';

const SIZES = envList('BENCH_INGEST_SIZES', '10,100,500,2000');
const INFLIGHT = envList('BENCH_INGEST_INFLIGHT', '1,8,32');
const INFLIGHT_PAGES = Number(process.env.BENCH_INGEST_INFLIGHT_PAGES ?? 20);
const EMBED_MS = envList('BENCH_EMBED_MS', '0,150');
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 100);
const BIG_TEXT_PAGES = Number(process.env.BENCH_BIG_TEXT_PAGES ?? 2000);
/** Small documents are quick and noisy: the best of two; big ones once. */
const repeats = (pages: number) => (pages <= 100 ? 2 : 1);
/** The baseline is the denominator of every fraction: one slow run on a shared machine must not make it, so best of 3 / 2 / 1. */
const baselineRuns = (pages: number) => (pages <= 100 ? 3 : pages <= 500 ? 2 : 1);
/** Documents per in-flight point: two per client (so the loop reaches a steady state), at least 4. */
const docsFor = (k: number) => Math.max(4, 2 * k);

export interface SizePoint {
  pages: number;
  segments: number;
  /** pages/s of the in-process baseline (extract → clean → split, best run) */
  baseline: number;
  /** embedding latency → pages/s end to end (enqueue → completed) and of the worker's own parse → split */
  endToEnd: Record<number, number>;
  workerParseSplit: Record<number, number>;
}

export interface InflightPoint {
  inFlight: number;
  documents: number;
  /** embedding latency → pages/s over all documents (first enqueue → last completed) */
  endToEnd: Record<number, number>;
}

export interface IngestBenchResult {
  machine: ReturnType<typeof machine>;
  settings: { sizes: number[]; inflight: number[]; inflightPages: number; embedMs: number[]; bigMb: number };
  sizes: SizePoint[];
  /** in-process baseline of one in-flight document (pages/s), and the points */
  inflightBaseline: number;
  inflight: InflightPoint[];
  rss?: { mb: number; segments: number; seconds: number; idleMb: number; peakMb: number };
}

async function baseline(pdf: Buffer, pages: number, runs: number): Promise<{ rate: number; segments: number }> {
  let best = Infinity;
  let segments = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    segments = (await processDocument({ filename: 'bench.pdf', buffer: pdf }, { mode: 'automatic' })).segments.length;
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return { rate: pages / best, segments };
}

async function main(): Promise<void> {
  const info = machine();
  console.log(
    `ingestion benchmark: ${info.cores} cores, Node ${info.node}, load average ${info.loadavg}; sizes ${SIZES.join(', ')} pages, in flight ${INFLIGHT.join(', ')}, embeddings ${EMBED_MS.join(' / ')} ms`,
  );
  // Each latency gets its own documents (other seeds): the embedding cache must not answer the second pass.
  const docs = new Map<string, Buffer>();
  const pdf = async (key: string, pages: number, seed: number) => docs.get(key) ?? docs.set(key, await makePdf(pages, seed)).get(key)!;

  await warmUp();
  // One untimed pass: the first document also pays for the tokenizer's and pdf.js's first use.
  await baseline(await makePdf(INFLIGHT_PAGES, 5), INFLIGHT_PAGES, 1);
  const sizes: SizePoint[] = [];
  for (const pages of SIZES) {
    const b = await baseline(await pdf(`0/size/${pages}/0`, pages, 1000 + pages), pages, baselineRuns(pages));
    sizes.push({ pages, segments: b.segments, baseline: b.rate, endToEnd: {}, workerParseSplit: {} });
    console.log(`baseline in process: ${pages} pages (${b.segments} segments) extract→clean→split ${b.rate.toFixed(0)} pages/s`);
  }
  const inflightBaseline = (await baseline(await makePdf(INFLIGHT_PAGES, 5), INFLIGHT_PAGES, 3)).rate;
  console.log(`baseline in process: ${INFLIGHT_PAGES} pages ${inflightBaseline.toFixed(0)} pages/s`);

  const id = randomBytes(5).toString('hex');
  const dbUrl = new URL(PG_ADMIN_URL);
  dbUrl.pathname = `/sluice_bench_${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
  const env = {
    SERVICES: 'ingest-worker',
    HEALTH_PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL,
    REDIS_PREFIX: `sluicebench-${id}`,
    DATA_DIR: dataDir,
    OPENAI_API_KEY: 'sk-bench',
    LOG_LEVEL: 'warn',
  };
  const inflight: InflightPoint[] = INFLIGHT.map((k) => ({ inFlight: k, documents: docsFor(k), endToEnd: {} }));
  let rss: IngestBenchResult['rss'];
  let h: IngestHarness | undefined;
  try {
    for (const [li, embedMs] of EMBED_MS.entries()) {
      const model = new ModelServer();
      await model.start({ BENCH_MODEL_EMBED_MS: String(embedMs) });
      const worker = await startWorker({ ...env, OPENAI_BASE_URL: model.url });
      h ??= await IngestHarness.create(loadConfig({ ...env, OPENAI_BASE_URL: model.url }));
      const poller = new DocumentPoller(h);
      try {
        const dataset = await h.createDataset();
        // First-use costs (pdf.js in the worker thread, the vector table) are not measured.
        const warm = await h.createDocument(dataset, 'warm.pdf', await makePdf(5, 7 + li));
        await h.enqueue(dataset, warm);
        await poller.done(warm);
        for (const point of sizes) {
          const { pages } = point;
          for (let r = 0; r < repeats(pages); r++) {
            const doc = await h.createDocument(dataset, `size-${pages}-${r}.pdf`, await pdf(`${li}/size/${pages}/${r}`, pages, 1000 * (li + 1) + pages + r));
            const t0 = Date.now();
            await h.enqueue(dataset, doc);
            const d = await poller.done(doc);
            point.endToEnd[embedMs] = Math.max(point.endToEnd[embedMs] ?? 0, pages / ((d.completed - t0) / 1000));
            point.workerParseSplit[embedMs] = Math.max(point.workerParseSplit[embedMs] ?? 0, pages / ((d.split - d.started) / 1000));
          }
          const e = point.endToEnd[embedMs];
          console.log(
            `embeddings ${embedMs} ms, ${pages} pages: end to end ${e.toFixed(0)} pages/s = ${((100 * e) / point.baseline).toFixed(0)} % of in-process parse → split ` +
              `(worker's own parse → split ${point.workerParseSplit[embedMs].toFixed(0)} pages/s)`,
          );
        }
        for (const point of inflight) {
          const ids: string[] = [];
          for (let i = 0; i < point.documents; i++)
            ids.push(
              await h.createDocument(
                dataset,
                `flight-${point.inFlight}-${i}.pdf`,
                await makePdf(INFLIGHT_PAGES, 100_000 * (li + 1) + 1000 * point.inFlight + i),
              ),
            );
          const queue = [...ids];
          const t0 = Date.now();
          let last = t0;
          await Promise.all(
            Array.from({ length: point.inFlight }, async () => {
              for (let doc = queue.shift(); doc; doc = queue.shift()) {
                await h!.enqueue(dataset, doc);
                last = Math.max(last, (await poller.done(doc)).completed);
              }
            }),
          );
          point.endToEnd[embedMs] = (point.documents * INFLIGHT_PAGES) / ((last - t0) / 1000);
          console.log(
            `embeddings ${embedMs} ms, ${point.inFlight} in flight (${point.documents} × ${INFLIGHT_PAGES} pages): ${point.endToEnd[embedMs].toFixed(0)} pages/s = ` +
              `${((100 * point.endToEnd[embedMs]) / inflightBaseline).toFixed(0)} % of in-process parse → split`,
          );
        }
      } finally {
        await stopWorker(worker);
        model.stop();
      }
    }

    if (BIG_MB > 0) rss = await bigDocument(h!, env);
  } finally {
    await h?.close();
    await dropDatabase(`sluice_bench_${id}`);
    await deleteRedisPrefix(env.REDIS_PREFIX);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const one = sizes.find((s) => s.pages === 100) ?? sizes[0];
  const ratio = one ? one.endToEnd[0] / one.workerParseSplit[0] : NaN;
  console.log(
    `\nbudgets: worker parse → split at ${one?.pages} pages ${one?.workerParseSplit[0]?.toFixed(0)} pages/s (≥ 150: ${one?.workerParseSplit[0] >= 150 ? 'ok' : 'MISSED'}); ` +
      `end to end ${(100 * ratio).toFixed(0)} % of it (≥ 60 %: ${ratio >= 0.6 ? 'ok' : 'MISSED'})${rss ? `; peak RSS ${rss.peakMb} MB (< 1024: ${rss.peakMb < 1024 ? 'ok' : 'MISSED'})` : ''}`,
  );
  const result: IngestBenchResult = {
    machine: { ...info, loadavg: `${info.loadavg} → ${machine().loadavg}` },
    settings: { sizes: SIZES, inflight: INFLIGHT, inflightPages: INFLIGHT_PAGES, embedMs: EMBED_MS, bigMb: BIG_MB },
    sizes,
    inflightBaseline,
    inflight,
    rss,
  };
  saveResult('ingest', result);
}

/** Peak RSS of a fresh worker ingesting a big, mostly binary PDF (embeddings at 0 ms). */
async function bigDocument(h: IngestHarness, env: Record<string, string>): Promise<NonNullable<IngestBenchResult['rss']>> {
  const model = new ModelServer();
  await model.start();
  const big = await makePdf(BIG_TEXT_PAGES, 99, Math.max(0, BIG_MB - BIG_TEXT_PAGES * 0.0025));
  const worker = await startWorker({ ...env, OPENAI_BASE_URL: model.url });
  try {
    const pid = worker.pid!;
    const idleMb = procStatusMb(pid, 'VmRSS');
    let peak = idleMb;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, procStatusMb(pid, 'VmRSS'));
      } catch {
        /* exited */
      }
    }, 50);
    const dataset = await h.createDataset();
    const doc = await h.createDocument(dataset, 'big.pdf', big);
    const t0 = Date.now();
    await h.enqueue(dataset, doc);
    const d = await new DocumentPoller(h).done(doc);
    clearInterval(sampler);
    const peakMb = Math.max(procStatusMb(pid, 'VmHWM'), peak);
    const r = { mb: big.length / 1024 / 1024, segments: d.segments, seconds: (d.completed - t0) / 1000, idleMb, peakMb };
    console.log(
      `${r.mb.toFixed(0)} MB PDF (${BIG_TEXT_PAGES} text pages + binary attachments, ${r.segments} segments) in ${r.seconds.toFixed(1)} s: worker RSS idle ${idleMb} MB, peak ${peakMb} MB`,
    );
    return r;
  } finally {
    await stopWorker(worker);
    model.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
