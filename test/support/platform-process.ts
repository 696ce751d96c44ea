import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const launcher = resolve(__dirname, '..', '..', 'apps', 'launcher', 'src', 'main.js');

export interface OutputLine {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * `npm start` in a child process (SERVICES as given), so a test can SIGKILL it and read every line
 * it writes on stdout and stderr.
 */
export class PlatformProcess {
  readonly lines: OutputLine[] = [];
  /** the gateway's URL, when this process runs the gateway */
  url?: string;
  private expectExit = false;
  private constructor(
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static start(env: Record<string, string>, timeoutMs = 60_000): Promise<PlatformProcess> {
    const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sluice-proc-'));
    const child = spawn(process.execPath, ['--no-node-snapshot', launcher], {
      env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', HEALTH_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p = new PlatformProcess(child, env.DATA_DIR ? '' : dataDir);
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`platform did not start:\n${p.output()}`)), timeoutMs);
      for (const stream of ['stdout', 'stderr'] as const) {
        let partial = '';
        child[stream]!.on('data', (d: Buffer) => {
          const parts = (partial + d.toString()).split('\n');
          partial = parts.pop()!;
          for (const text of parts) {
            p.lines.push({ at: Date.now(), stream, text });
            if (process.env.FAULTS_DEBUG) process.stderr.write(`[${child.pid} ${stream}] ${text}\n`);
            if (/^Sluice started/.test(text)) {
              p.url = /API at (http\S+)/.exec(text)?.[1];
              clearTimeout(timer);
              res(p);
            }
          }
        });
      }
      child.on('exit', (code, signal) => {
        // A crash nobody asked for: say what it printed last, or the failure will be a mystery.
        if (!p.expectExit)
          process.stderr.write(
            `platform process ${child.pid} exited unexpectedly (${code ?? signal}); its last lines:\n${p.lines
              .slice(-40)
              .map((l) => l.text)
              .join('\n')}\n`,
          );
        clearTimeout(timer);
        rej(new Error(`platform exited (${code}):\n${p.output()}`));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  output(since = 0): string {
    return this.lines
      .filter((l) => l.at >= since)
      .map((l) => l.text)
      .join('\n');
  }

  /** Lines written at or after `since` that are not one JSON object each. */
  nonJsonLines(since: number): OutputLine[] {
    return this.lines.filter((l) => {
      if (l.at < since || !l.text.trim()) return false;
      try {
        const v = JSON.parse(l.text);
        return typeof v !== 'object' || v === null;
      } catch {
        return true;
      }
    });
  }

  /** As a crash: SIGKILL, no shutdown hooks. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.expectExit = true;
    this.child.kill(signal);
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
