import { createReadStream, promises as fs } from 'node:fs';
import { DocumentExtractionError } from '../rag.errors';
import type { ExtractInput } from '../types';

/** Lower-case extension without the dot ('' when the name has none). */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export async function inputSize(input: ExtractInput): Promise<number> {
  if (input.buffer) return input.buffer.length;
  if (!input.path) throw new TypeError('extract input needs either `path` or `buffer`');
  try {
    return (await fs.stat(input.path)).size;
  } catch (err) {
    throw new DocumentExtractionError('unreadable', `The file "${input.filename}" could not be read.`, { cause: err });
  }
}

/** The whole file; only for formats whose parser needs random access (zip-based, PDF). */
export async function readAll(input: ExtractInput): Promise<Buffer> {
  if (input.buffer) return input.buffer;
  if (!input.path) throw new TypeError('extract input needs either `path` or `buffer`');
  return fs.readFile(input.path);
}

/** First `n` bytes plus last `n` bytes, enough for magic numbers and zip central directories. */
export async function readEnds(input: ExtractInput, n: number): Promise<{ head: Buffer; tail: Buffer }> {
  if (input.buffer) return { head: input.buffer.subarray(0, n), tail: input.buffer.subarray(Math.max(0, input.buffer.length - n)) };
  const fh = await fs.open(input.path!, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(n, size));
    await fh.read(head, 0, head.length, 0);
    const tailLen = Math.min(n, size);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    return { head, tail };
  } finally {
    await fh.close();
  }
}

/** Bytes in chunks, so text-like formats never need the whole file in memory. */
export async function* byteChunks(input: ExtractInput, chunkSize = 64 * 1024): AsyncGenerator<Buffer> {
  if (input.buffer) {
    for (let i = 0; i < input.buffer.length; i += chunkSize) yield input.buffer.subarray(i, i + chunkSize);
    return;
  }
  for await (const chunk of createReadStream(input.path!, { highWaterMark: chunkSize })) yield chunk as Buffer;
}

/** Lets timers (job-lock renewal, heartbeats) run between CPU-bound steps. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
