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
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
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
  p99: number;
  ttftP50: number;
  ttftP99: number;
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `fn` with `concurrency` workers until `total` requests are done. */
export async function run(total: number, concurrency: number, fn: () => Promise<Sample>): Promise<RunResult> {
  const samples: Sample[] = [];
  let issued = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued++;
        samples.push(await fn());
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const totals = samples.map((s) => s.totalMs).sort((a, b) => a - b);
  const firsts = samples.map((s) => s.firstMs).sort((a, b) => a - b);
  return {
    requests: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    seconds,
    rps: samples.length / seconds,
    p50: pct(totals, 50),
    p99: pct(totals, 99),
    ttftP50: pct(firsts, 50),
    ttftP99: pct(firsts, 99),
  };
}
