import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DocumentExtractionError, type ExtractionFailure } from '../rag.errors';
import type { BlockSource, ExtractInput, ExtractedBlock } from '../types';

export interface PdfWorkerPoolOptions {
  /** Worker threads; default: one per spare core (at least 1). */
  size?: number;
  /** Heap cap per worker; a hostile or huge PDF then kills its worker instead of the ingest process. */
  maxHeapMb?: number;
}

export interface PdfWorkerOptions {
  /** Pages the worker may run ahead of the consumer; bounds memory when the consumer is slow. */
  readAhead?: number;
  signal?: AbortSignal;
  /** Defaults to a process-wide pool. */
  pool?: PdfWorkerPool;
}

type Outbound = { job: number; block: ExtractedBlock } | { job: number; done: true } | { job: number; error: { message: string; reason?: ExtractionFailure } };

interface Slot {
  worker: Worker;
  busy: boolean;
  listener?: (msg: Outbound | { exit: number } | { failure: Error }) => void;
}

/**
 * Long-lived worker threads that parse PDFs off the caller's event loop. Workers are reused because
 * each new one pays ~0.3 s to load pdf.js; they are `unref`'d so an idle pool never keeps a process alive.
 */
export class PdfWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly size: number;
  private nextJob = 1;

  constructor(private readonly options: PdfWorkerPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism() - 1);
  }

  async *extract(input: ExtractInput, options: Omit<PdfWorkerOptions, 'pool'> = {}): BlockSource {
    const readAhead = Math.max(1, options.readAhead ?? 8);
    const slot = await this.acquire();
    const job = this.nextJob++;
    const queue: (Outbound | { exit: number } | { failure: Error })[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    slot.listener = (msg) => {
      queue.push(msg);
      wake?.();
    };
    const onAbort = () => this.discard(slot, { failure: new Error('aborted') });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const bytes = input.buffer ? new Uint8Array(input.buffer) : undefined;
    slot.worker.postMessage(
      { job, start: { filename: input.filename, path: input.path, bytes, credit: readAhead } },
      bytes ? [bytes.buffer as ArrayBuffer] : [],
    );
    try {
      for (;;) {
        options.signal?.throwIfAborted();
        const msg = queue.shift();
        if (!msg) {
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        if ('exit' in msg)
          throw new DocumentExtractionError('too_large', 'The PDF worker ran out of memory or crashed (the file may be too large or malformed).');
        if ('failure' in msg) throw new DocumentExtractionError('corrupt', `The PDF could not be processed: ${msg.failure.message}`, { cause: msg.failure });
        if (msg.job !== job) continue;
        if ('block' in msg) {
          slot.worker.postMessage({ job, credit: 1 });
          yield msg.block;
        } else if ('done' in msg) {
          finished = true;
          return;
        } else {
          finished = true;
          throw new DocumentExtractionError(msg.error.reason ?? 'corrupt', msg.error.message);
        }
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (finished || !this.slots.includes(slot)) this.release(slot);
      else {
        // The consumer stopped early: tell the worker, and free the slot once it confirms.
        slot.listener = (msg) => {
          if (!('job' in msg) || msg.job !== job || 'done' in msg || 'error' in msg) this.release(slot);
        };
        slot.worker.postMessage({ job, cancel: true });
      }
    }
  }

  /** Terminates every worker; in-flight extractions fail. */
  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private async acquire(): Promise<Slot> {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      idle.worker.ref();
      return idle;
    }
    if (this.slots.length < this.size) {
      const slot = this.spawn();
      slot.busy = true;
      return slot;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    slot.listener = undefined;
    if (!this.slots.includes(slot)) return;
    const next = this.waiting.shift();
    if (next) return next(slot);
    slot.busy = false;
    slot.worker.unref();
  }

  /** Drops a worker that was aborted or died, tells its consumer why, and replaces it for a waiter. */
  private discard(slot: Slot, why: { exit: number } | { failure: Error }): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    void slot.worker.terminate();
    slot.listener?.(why);
    const next = this.waiting.shift();
    if (next) {
      const fresh = this.spawn();
      fresh.busy = true;
      next(fresh);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(join(__dirname, 'pdf-worker-entry.js'), {
      resourceLimits: this.options.maxHeapMb ? { maxOldGenerationSizeMb: this.options.maxHeapMb } : undefined,
    });
    const slot: Slot = { worker, busy: false };
    worker.on('message', (msg: Outbound) => slot.listener?.(msg));
    worker.on('error', (err) => slot.listener?.({ failure: err }));
    worker.on('exit', (code) => this.discard(slot, { exit: code }));
    this.slots.push(slot);
    return slot;
  }
}

let defaultPool: PdfWorkerPool | undefined;

/**
 * Same blocks as `PdfExtractor`, parsed in a worker thread so a slow or huge PDF never stalls the
 * caller's event loop (job locks, heartbeats and other jobs keep running). A `buffer` input is
 * copied once into the worker; prefer `path` for large files.
 */
export function extractPdfInWorker(input: ExtractInput, options: PdfWorkerOptions = {}): BlockSource {
  const pool = options.pool ?? (defaultPool ??= new PdfWorkerPool());
  return pool.extract(input, options);
}
