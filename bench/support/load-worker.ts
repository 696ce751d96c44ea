/**
 * The load generator as a process of its own (forked by the benchmarks): it receives a round over
 * IPC, runs it, and sends the result back. Keeping it out of the server's process tree means the
 * server's CPU figures are the server's, and the client's JIT and GC never pause the server.
 */
import { post, sample } from './load';

export interface RoundSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** a streamed reply's first data event contains this; unset: the first byte counts */
  marker?: string;
  concurrency: number;
  durationMs: number;
  /** requests that must succeed before the clock starts (connections opened, JIT warm) */
  warmup?: number;
}

process.on('message', async (spec: RoundSpec) => {
  const fn = () => post(spec.url, spec.headers, spec.body, spec.marker);
  if (spec.warmup) await sample(0, spec.concurrency, fn, spec.warmup);
  process.send?.(await sample(spec.durationMs, spec.concurrency, fn));
});
process.on('disconnect', () => process.exit(0));
