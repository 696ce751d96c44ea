/**
 * What the ingestion benchmark needs besides its plan: generated PDFs (the page shape of
 * parse-split.bench.ts: 45 lines, ~3 KB of text per page), the ingest worker as a process of its
 * own (as in production), and one poller for all documents in flight (a poller per document would
 * put its own load on PostgreSQL when 32 are in flight on 2 cores).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PDFDocument, PDFFont, StandardFonts } from 'pdf-lib';
import type { IngestHarness } from '../../libs/knowledge/src/testing/ingest-harness';

const launcher = resolve(__dirname, '..', '..', 'apps', 'launcher', 'src', 'main.js');
const VOCAB = (
  'the knowledge base splits every document into segments which are embedded and indexed so that retrieval ' +
  'can find relevant passages quickly while preserving headings page numbers tables and the original wording ' +
  'ingestion workers stream pages clean control characters collapse whitespace and merge small pieces'
).split(' ');

function drawPages(doc: PDFDocument, font: PDFFont, pages: number, seed0: number) {
  let seed = seed0;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 45; line++) {
      const words: string[] = [];
      while (words.join(' ').length < 80) words.push(VOCAB[Math.floor(rand() * VOCAB.length)]);
      page.drawText(line % 9 === 8 ? `${words.join(' ')}.` : words.join(' '), { x: 36, y: 806 - line * 17, size: 9, font });
    }
  }
}

/** A PDF of `pages` text pages; a different seed gives different text (the embedding cache must not answer). */
export async function makePdf(pages: number, seed: number, padMb = 0): Promise<Buffer> {
  const doc = await PDFDocument.create();
  drawPages(doc, await doc.embedFont(StandardFonts.Helvetica), pages, seed);
  // Large real-world PDFs are mostly binary (scans, images, attachments); random bytes do not compress.
  for (let i = 0; i < Math.ceil(padMb / 8); i++) await doc.attach(randomBytes(8 * 1024 * 1024), `scan-${i}.bin`, { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

export function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    const extra = process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, ['--no-node-snapshot', ...extra, launcher], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      if (process.env.BENCH_WORKER_OUTPUT) process.stderr.write(d);
      out += d.toString();
      if (/Sluice started/.test(out)) res(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => rej(new Error(`worker exited (${code}): ${out.slice(-2000)}`)));
  });
}

export async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

export interface Done {
  /** ms since the epoch, from the document's own timestamps */
  started: number;
  split: number;
  completed: number;
  segments: number;
}

/** Resolves each document's promise when its row says completed (rejects on error), polling all of them in one query. */
export class DocumentPoller {
  private waiting = new Map<string, { ok: (d: Done) => void; fail: (e: Error) => void }>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly h: IngestHarness) {}

  done(documentId: string): Promise<Done> {
    return new Promise((ok, fail) => {
      this.waiting.set(documentId, { ok, fail });
      this.timer ??= setTimeout(() => void this.poll(), 25);
    });
  }

  private async poll(): Promise<void> {
    const ids = [...this.waiting.keys()];
    const rows: {
      id: string;
      indexing_status: string;
      error: string | null;
      processing_started_at: Date;
      splitting_completed_at: Date;
      completed_at: Date;
      total_segments: number;
    }[] = await this.h.ds.query(
      `SELECT id, indexing_status, error, processing_started_at, splitting_completed_at, completed_at, total_segments FROM documents
          WHERE id = ANY($1) AND indexing_status IN ('completed', 'error')`,
      [ids],
    );
    for (const r of rows) {
      const w = this.waiting.get(r.id)!;
      this.waiting.delete(r.id);
      if (r.indexing_status !== 'completed') w.fail(new Error(`document ${r.id}: ${r.error}`));
      else {
        const t = (d: Date) => new Date(d).getTime();
        w.ok({ started: t(r.processing_started_at), split: t(r.splitting_completed_at), completed: t(r.completed_at), segments: r.total_segments });
      }
    }
    this.timer = this.waiting.size ? setTimeout(() => void this.poll(), 25) : undefined;
  }
}
