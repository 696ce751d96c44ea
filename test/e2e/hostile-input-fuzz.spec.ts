/**
 * Property-based fuzzing of every documented route (apps/gateway/openapi.yaml, which the openapi test keeps
 * complete) with hostile input: wrong types, missing fields, NUL, lone surrogates, megabyte strings, deep
 * nesting, huge numbers, bad ids, malformed JSON, wrong content types and bogus content encodings.
 * Properties: never a 5xx, every error is Dify's `{code, message, status}` with the HTTP status, no stack traces.
 *
 * Reproduce a CI failure with the printed seed: `FUZZ_SEED=<seed> node scripts/run-tests.mjs hostile-input-fuzz`
 * (`FUZZ_RUNS` sets the requests per route).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { FuzzFixtures, createFuzzFixtures } from '../support/fuzz/fuzz-fixtures';
import { FuzzRequest, requestArb } from '../support/fuzz/hostile-arbitraries';
import { DocumentedOperation, documentedOperations } from '../support/gateway-routes';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const SEED = Number(process.env.FUZZ_SEED ?? 20241202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const PARALLEL = 6;
const LEAK =
  /\n\s+at [\w$.<>]+ ?\(|node_modules|\/work\/|\.ts:\d+|QueryFailedError|invalid input syntax|duplicate key|violates .* constraint|out of range for type|ECONNREFUSED|maxRetriesPerRequest/;

function isDeclared5xx(status: number, text: string): boolean {
  try {
    const body = JSON.parse(text) as { code?: string; status?: number };
    return DECLARED_5XX[body.code ?? ''] === status && body.status === status;
  } catch {
    return false;
  }
}

/** A stable per-route seed, so adding a route does not change what the others receive. */
function seedFor(op: DocumentedOperation): number {
  let h = SEED | 0;
  for (const ch of `${op.method} ${op.path}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h | 0;
}

/** What is wrong with a response, or null. */
/**
 * 5xx answers that are the API's declared outcome, not a fault: the seed's `app_unavailable` is 503
 * (an app without a model or a published workflow), and operations Sluice routes but does not serve
 * are 501 `not_implemented` (README, "Which Dify API, and what is not served").
 */
const DECLARED_5XX: Record<string, number> = { app_unavailable: 503, not_implemented: 501 };
const PROBES = new Set(['/health', '/readyz']);

export function violation(status: number, contentType: string, text: string): string | null {
  if (status >= 500 && !isDeclared5xx(status, text)) return `HTTP ${status}: ${text.slice(0, 300)}`;
  if (status >= 400) {
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return `HTTP ${status} without a JSON body (${contentType}): ${text.slice(0, 200)}`;
    }
    if (typeof body?.code !== 'string' || typeof body?.message !== 'string' || body?.status !== status) {
      return `HTTP ${status} body is not Dify's {code, message, status}: ${text.slice(0, 300)}`;
    }
    if (LEAK.test(text)) return `HTTP ${status} body leaks internals: ${text.slice(0, 300)}`;
  }
  if (status === 200 && contentType.startsWith('text/event-stream')) {
    for (const line of text.split('\n')) {
      if (!line.startsWith('data: ')) continue;
      const ev = JSON.parse(line.slice(6));
      if (ev.event === 'error' && (ev.status >= 500 || LEAK.test(line))) return `stream error event: ${line.slice(0, 300)}`;
    }
  }
  return null;
}

async function send(r: FuzzRequest): Promise<{ status: number; contentType: string; text: string }> {
  const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('hostile input fuzzing: every route, thousands of requests', () => {
  let t: TestPlatform;
  let fx: FuzzFixtures;

  before(async () => {
    const t0 = Date.now();
    t = await startTestPlatform();
    const t1 = Date.now();
    fx = await createFuzzFixtures(t.base);
    console.log(`hostile-input fuzz: platform up in ${t1 - t0} ms, fixtures in ${Date.now() - t1} ms`);
  });
  after(async () => t?.stop());

  it("never answers 5xx, always in Dify's error envelope, never with internals", async () => {
    console.log(`hostile-input fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
    const ops = documentedOperations().filter((o) => o.path !== '/metrics');
    assert.ok(ops.length > 100, `only ${ops.length} operations found`);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const slowest: [number, string][] = [];
    const started = Date.now();
    const queue = [...ops];
    const worker = async () => {
      for (let op = queue.shift(); op; op = queue.shift()) {
        let last = '';
        const details = await fc.check(
          fc.asyncProperty(requestArb(op, fx, t.base), async (r) => {
            last = r.label;
            let res;
            const t0 = Date.now();
            try {
              res = await send(r);
              slowest.push([Date.now() - t0, r.label]);
              if (slowest.length > 40) slowest.sort((a, b) => b[0] - a[0]).splice(10);
            } catch (err) {
              throw new Error(`no response: ${(err as Error).message}`);
            }
            sent++;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            // A readiness probe's 503 is its report ("a dependency did not answer in time"), declared in the
            // OpenAPI document; on a loaded machine the checks time out. Still checked: it is the probe's JSON.
            const probeReport = res.status === 503 && PROBES.has(op.path) && /"checks"/.test(res.text);
            const bad = probeReport ? null : violation(res.status, res.contentType, res.text);
            if (bad) throw new Error(bad);
          }),
          { seed: seedFor(op), numRuns: RUNS, endOnFailure: true },
        );
        if (details.failed) {
          const why = (details.errorInstance as Error | undefined)?.message ?? String(details.errorInstance);
          failures.push(`${op.method} ${op.path} (seed ${details.seed}, path ${details.counterexamplePath}): ${why}\n    request: ${last}`);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const summary = [...statuses.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(`hostile-input fuzz: ${sent} requests to ${ops.length} operations in ${Date.now() - started} ms: ${summary}`);
    console.log(
      `slowest: ${slowest
        .sort((a, b) => b[0] - a[0])
        .slice(0, 8)
        .map(([ms, l]) => `${ms} ms ${l.slice(0, 140)}`)
        .join('\n  ')}`,
    );
    assert.deepEqual(failures, [], `${failures.length} routes misbehaved (FUZZ_SEED=${SEED}):\n${failures.join('\n')}`);
    assert.ok(sent >= ops.length * Math.min(RUNS, 10), `only ${sent} requests were sent`);
  });
});
