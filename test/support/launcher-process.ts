import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The compiled entry points of `npm start`, `npm run migrate` and `npm run reindex`. */
export const LAUNCHER = resolve(__dirname, '..', '..', 'apps', 'launcher', 'src', 'main.js');
export const MIGRATE = resolve(__dirname, '..', '..', 'apps', 'launcher', 'src', 'migrate.js');
export const REINDEX = resolve(__dirname, '..', '..', 'apps', 'launcher', 'src', 'reindex.js');

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/** A Sluice process started as an operator would, with its whole output kept for assertions. */
export class LauncherProcess {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number | null>;
  private waiters: { re: RegExp; resolve: () => void }[] = [];

  constructor(script: string, env: Record<string, string>, args: string[] = []) {
    // Only what the test passes (plus PATH/HOME): the test runner's NODE_ENV=test must not leak in.
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
    this.child = spawn(process.execPath, ['--no-node-snapshot', script, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (d: Buffer) => {
      this.output += d.toString();
      this.waiters = this.waiters.filter((w) => {
        if (!w.re.test(this.output)) return true;
        w.resolve();
        return false;
      });
    };
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    this.exited = new Promise((res) => this.child.on('exit', (code) => res(code)));
  }

  /** Resolves when the output matches; fails with the output so far after `timeoutMs` or if the process exits first. */
  waitFor(re: RegExp, timeoutMs = 30_000): Promise<void> {
    if (re.test(this.output)) return Promise.resolve();
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no ${re} within ${timeoutMs} ms; output:\n${this.output.slice(-3000)}`)), timeoutMs);
      this.waiters.push({ re, resolve: () => (clearTimeout(timer), res()) });
      void this.exited.then((code) => {
        if (re.test(this.output)) return;
        clearTimeout(timer);
        rej(new Error(`exited (${code}) before ${re}; output:\n${this.output.slice(-3000)}`));
      });
    });
  }

  /** JSON log lines (pino) of the process. */
  logLines(): Record<string, any>[] {
    return this.output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l)];
        } catch {
          return [];
        }
      });
  }

  kill(signal: NodeJS.Signals = 'SIGKILL') {
    if (this.child.exitCode === null) this.child.kill(signal);
  }
}

/** Runs a script to its end: exit code and output. */
export async function runToEnd(script: string, env: Record<string, string>, args: string[] = [], timeoutMs = 60_000) {
  const p = new LauncherProcess(script, env, args);
  const timer = setTimeout(() => p.kill(), timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, out: p.output };
}
