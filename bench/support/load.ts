import http from 'node:http';

export interface Sample {
  totalMs: number;
  /** time to the first body byte that carries data (first SSE event for streams) */
  firstMs: number;
  ok: boolean;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One POST with a JSON body over a keep-alive agent; resolves when the body has been read. */
export function post(url: string, headers: Record<string, string>, body: string, firstMarker?: string): Promise<Sample> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let first = 0;
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (!first) {
            if (!firstMarker) first = performance.now();
            else {
              buf += chunk;
              if (buf.includes(firstMarker)) first = performance.now();
            }
          }
        });
        res.on('end', () => {
          const end = performance.now();
          resolve({ totalMs: end - t0, firstMs: (first || end) - t0, ok: res.statusCode === 200 });
        });
      },
    );
    req.on('error', () => resolve({ totalMs: performance.now() - t0, firstMs: performance.now() - t0, ok: false }));
    req.end(body);
  });
}

export interface RunResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  ttftP50: number;
  ttftP99: number;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarise(samples: Sample[], seconds: number): RunResult {
  const totals = samples.map((s) => s.totalMs).sort((a, b) => a - b);
  const firsts = samples.map((s) => s.firstMs).sort((a, b) => a - b);
  return {
    requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    seconds,
    rps: samples.length / seconds,
    p50: pct(totals, 50),
    p90: pct(totals, 90),
    p99: pct(totals, 99),
    ttftP50: pct(firsts, 50),
    ttftP99: pct(firsts, 99),
  };
}

/** Runs `fn` with `concurrency` workers until `total` requests are done. */
export async function run(total: number, concurrency: number, fn: () => Promise<Sample>): Promise<RunResult> {
  return runFor(0, concurrency, fn, total);
}

/**
 * Runs `fn` with `concurrency` closed-loop workers for `durationMs` (and at least `minRequests`
 * requests); requests still in flight at the end are waited for and counted.
 */
export async function runFor(durationMs: number, concurrency: number, fn: () => Promise<Sample>, minRequests = 0): Promise<RunResult> {
  const r = await sample(durationMs, concurrency, fn, minRequests);
  return summarise(r.samples, r.seconds);
}

/** As runFor, but the raw samples, so rounds can be pooled. */
export async function sample(
  durationMs: number,
  concurrency: number,
  fn: () => Promise<Sample>,
  minRequests = 0,
): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  let issued = 0;
  const t0 = performance.now();
  const more = () => performance.now() - t0 < durationMs || issued < minRequests;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        issued++;
        samples.push(await fn());
      }
    }),
  );
  return { samples, seconds: (performance.now() - t0) / 1000 };
}

/** Several rounds of one case as one result: percentiles over the pooled samples, the rate over all the time. */
export function mergeRounds(rounds: { samples: Sample[]; seconds: number }[]): RunResult {
  return summarise(
    rounds.flatMap((r) => r.samples),
    rounds.reduce((a, r) => a + r.seconds, 0),
  );
}
