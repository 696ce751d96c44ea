/**
 * The processes of a benchmark, each on its own: the platform as `npm start` runs it (its own
 * process group, default settings, logs to a file as a container's stdout would go), optionally
 * split into a gateway process and a chat process; a private Redis; the model server; the load
 * generator. CPU is read per process from /proc, so the platform's cost per request can be told
 * apart from the load generator's and the model's.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { RunResult, Sample, mergeRounds } from './load';
import type { RoundSpec } from './load-worker';

export const root = resolve(__dirname, '..', '..', '..');
const dist = join(root, 'dist');
const CLK_TCK = 100;

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** utime + stime of a process (all its threads), in ms (`kernel`: stime only); 0 when it is gone. */
export function cpuMs(pid: number, kernel = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (((kernel ? 0 : Number(f[11])) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

export function machine() {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString(), loadavg: load };
}

async function waitFor(what: string, fn: () => Promise<boolean>, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not come up within ${ms / 1000} s`);
}

export class BenchRedis {
  proc?: ChildProcess;
  url = process.env.BENCH_REDIS_URL ?? '';
  /** the private server's pid (its CPU counts as the platform's); undefined when BENCH_REDIS_URL is shared */
  get pid() {
    return this.proc?.pid;
  }

  async start() {
    if (this.url) return;
    const port = await freePort();
    this.proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore', detached: true });
    this.url = `redis://127.0.0.1:${port}`;
    await waitFor('redis-server', async () => {
      const Redis = (await import('ioredis')).default;
      const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      r.on('error', () => undefined);
      try {
        await r.connect();
        return (await r.ping()) === 'PONG';
      } finally {
        r.disconnect();
      }
    });
  }

  /** commands Redis has run so far (the whole server's: exact only for the private one) */
  async commands(): Promise<number> {
    const Redis = (await import('ioredis')).default;
    const r = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      return Number(/total_commands_processed:(\d+)/.exec(await r.info('stats'))?.[1] ?? NaN);
    } finally {
      r.disconnect();
    }
  }

  stop() {
    this.proc?.kill('SIGKILL');
  }
}

export class ModelServer {
  private proc?: ChildProcess;
  url = '';
  async start(env: Record<string, string> = {}) {
    this.proc = fork(join(dist, 'bench/support/model-server.js'), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.url = await new Promise<string>((ok) => this.proc!.once('message', (m: { url: string }) => ok(m.url)));
  }
  get pid() {
    return this.proc!.pid!;
  }
  stop() {
    this.proc?.kill('SIGTERM');
  }
}

export class LoadGenerator {
  private proc = fork(join(dist, 'bench/support/load-worker.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  get pid() {
    return this.proc.pid!;
  }
  round(spec: RoundSpec): Promise<{ samples: Sample[]; seconds: number }> {
    return new Promise((ok) => {
      this.proc.once('message', (m: { samples: Sample[]; seconds: number }) => ok(m));
      this.proc.send(spec);
    });
  }
  stop() {
    this.proc.disconnect();
  }
}

export interface PlatformOptions {
  /** one process (`npm start`), or the gateway and the chat service in two */
  split: boolean;
  redisUrl: string;
  modelUrl: string;
  pg: string;
  env?: Record<string, string>;
}

/** Sluice as `npm start` runs it (dist/apps/launcher/src/main.js), in a process group of its own. */
export class Platform {
  readonly db = `sluice_bench_${Date.now()}`;
  private procs: ChildProcess[] = [];
  base = '';
  logFile = join(mkdtempSync(join(tmpdir(), 'sluice-bench-log-')), 'platform.log');

  constructor(private readonly o: PlatformOptions) {}

  get pids(): number[] {
    return this.procs.map((p) => p.pid!);
  }

  async start(): Promise<void> {
    const port = await freePort();
    const common = {
      ...process.env,
      HOST: '127.0.0.1',
      DATABASE_URL: `${this.o.pg}/${this.db}`,
      REDIS_URL: this.o.redisUrl,
      OPENAI_BASE_URL: this.o.modelUrl,
      OPENAI_API_KEY: 'sk-bench',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sluice-bench-')),
      REDIS_PREFIX: `bench${Date.now()}`,
      ...this.o.env,
    };
    // Settings a bench parent may have set for itself must not leak into the platform's defaults.
    delete (common as Record<string, unknown>).LOG_LEVEL;
    const log = createWriteStream(this.logFile);
    await new Promise((r) => log.once('open', r));
    const launch = async (env: Record<string, string>) => {
      const p = spawn(
        process.execPath,
        ['--no-node-snapshot', ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), join(dist, 'apps/launcher/src/main.js')],
        {
          env: { ...common, HEALTH_PORT: String(await freePort()), ...env } as NodeJS.ProcessEnv,
          stdio: ['ignore', log, log],
          detached: true,
        },
      );
      this.procs.push(p);
      return p;
    };
    if (this.o.split) {
      // The chat service first: it migrates, and the gateway must find someone answering its requests.
      const health = await freePort();
      await launch({ SERVICES: 'chat', HEALTH_PORT: String(health) });
      await waitFor('the chat service', async () => (await fetch(`http://127.0.0.1:${health}/readyz`)).ok, 120_000);
      await launch({ SERVICES: 'gateway,workflow,dataset,ingest-worker', PORT: String(port) });
    } else {
      await launch({ PORT: String(port) });
    }
    this.base = `http://127.0.0.1:${port}`;
    await waitFor('the platform', async () => (await fetch(`${this.base}/health`)).ok, 120_000);
  }

  async stop(): Promise<void> {
    for (const p of this.procs) {
      try {
        process.kill(-p.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    await Promise.all(this.procs.map((p) => (p.exitCode !== null ? undefined : new Promise((r) => p.once('exit', r)))));
    const c = new Client({ connectionString: `${this.o.pg}/postgres` });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${this.db}" WITH (FORCE)`);
    await c.end();
  }

  /** Statements PostgreSQL has run for this database (its statistics lag by up to a second). */
  async pgStatements(): Promise<number> {
    const c = new Client({ connectionString: `${this.o.pg}/postgres` });
    await c.connect();
    try {
      const r = await c.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [this.db]);
      return Number(r.rows[0]?.n ?? NaN);
    } finally {
      await c.end();
    }
  }

  /** PostgreSQL backends serving this platform's database (their CPU is the platform's). */
  async pgBackends(): Promise<number[]> {
    const c = new Client({ connectionString: `${this.o.pg}/postgres` });
    await c.connect();
    try {
      const r = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [this.db]);
      return r.rows.map((x) => Number(x.pid));
    } finally {
      await c.end();
    }
  }
}

/**
 * CPU of groups of processes over a stretch of time: `const stop = await cpuMeter(…); …; await stop()`.
 * A group's pids are asked for again at the end: a process that appeared meanwhile (a new
 * PostgreSQL backend) counts whole, one that went away counts what it had at the start as zero.
 */
export async function cpuMeter(groups: Record<string, () => number[] | Promise<number[]>>) {
  const snap = async () => {
    const o: Record<string, Map<number, number>> = {};
    for (const [k, pids] of Object.entries(groups)) o[k] = new Map((await pids()).map((p) => [p, cpuMs(p)]));
    // The kernel's part (system calls, the loopback network) of the platform's own CPU.
    if (groups.platform) o.platformKernel = new Map((await groups.platform()).map((p) => [p, cpuMs(p, true)]));
    return o;
  };
  const before = await snap();
  return async () => {
    const after = await snap();
    const out: Record<string, number> = {};
    for (const [k, pids] of Object.entries(after)) {
      out[k] = 0;
      for (const [pid, ms] of pids) out[k] += ms - (before[k].get(pid) ?? 0);
    }
    return out;
  };
}

export { mergeRounds };
export type { RunResult, Sample };
