/**
 * Entry point of the worker threads owned by `PdfWorkerPool`. Not exported from the lib.
 * One job at a time. Parent → {job, start}|{job, credit}|{job, cancel}; worker → {job, block}|{job, done}|{job, error}.
 * Credits bound how far the worker may run ahead of a slow consumer.
 */
import { parentPort } from 'node:worker_threads';
import { DocumentExtractionError } from '../rag.errors';
import { PdfExtractor } from './pdf-extractor';
import { loadPdfParse } from './pdf-parse-loader';

interface Job {
  id: number;
  credit: number;
  cancelled: boolean;
  wake?: () => void;
}

type Inbound =
  | { job: number; start: { filename: string; path?: string; bytes?: Uint8Array; credit: number } }
  | { job: number; credit: number }
  | { job: number; cancel: true };

const port = parentPort!;
// pdf.js loads while the first job's bytes are on their way.
void loadPdfParse().catch(() => undefined); // a failure surfaces in the first job
let current: Job | undefined;

async function run(job: Job, start: Extract<Inbound, { start: unknown }>['start']): Promise<void> {
  const buffer = start.bytes ? Buffer.from(start.bytes.buffer, start.bytes.byteOffset, start.bytes.byteLength) : undefined;
  try {
    for await (const block of new PdfExtractor().extract({ filename: start.filename, path: start.path, buffer })) {
      while (job.credit <= 0 && !job.cancelled) await new Promise<void>((resolve) => (job.wake = resolve));
      if (job.cancelled) break;
      job.credit--;
      port.postMessage({ job: job.id, block });
    }
    port.postMessage({ job: job.id, done: true });
  } catch (err) {
    const e = err as Error;
    port.postMessage({ job: job.id, error: { message: e.message, reason: err instanceof DocumentExtractionError ? err.reason : undefined } });
  }
}

port.on('message', (msg: Inbound) => {
  if ('start' in msg) {
    current = { id: msg.job, credit: msg.start.credit, cancelled: false };
    void run(current, msg.start);
    return;
  }
  if (!current || current.id !== msg.job) return;
  if ('cancel' in msg) current.cancelled = true;
  else current.credit += msg.credit;
  current.wake?.();
});
