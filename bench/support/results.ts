/**
 * Machine-readable benchmark results under bench/results/ (gitignored): each run is kept as
 * `<name>-<epoch ms>.json` and as `<name>-latest.json`, which bench/report.ts turns into a
 * RESULTS.md section with figures. Every figure's caption is built here, so all of them state the
 * machine, the date and the same-run baseline the same way.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, root } from './platform';

export type Machine = ReturnType<typeof machine>;

export const resultsDir = join(root, 'bench', 'results');
export const figuresDir = join(root, 'bench', 'figures');

export function saveResult(name: string, data: unknown): void {
  mkdirSync(resultsDir, { recursive: true });
  const text = JSON.stringify(data, null, 2);
  writeFileSync(join(resultsDir, `${name}-${Date.now()}.json`), text);
  writeFileSync(join(resultsDir, `${name}-latest.json`), text);
  console.log(`\nwrote bench/results/${name}-latest.json`);
}

export function loadResult<T>(name: string): T | undefined {
  const f = join(resultsDir, `${name}-latest.json`);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as T) : undefined;
}

export function writeFigure(file: string, svg: string): void {
  mkdirSync(figuresDir, { recursive: true });
  writeFileSync(join(figuresDir, file), svg);
}

export const when = (m: Machine) => `${m.date.slice(0, 16).replace('T', ' ')} UTC`;

/** Two caption lines: the machine and date, then what the figure is compared with. */
export function caption(m: Machine, baseline: string): string {
  return `${m.cores} cores (${m.cpu}), Node ${m.node}, ${when(m)}, load average ${m.loadavg}\nbaseline: ${baseline}`;
}

/** Numbers from a comma-separated environment variable, or the default; set but empty: none (that sweep is skipped). */
export function envList(name: string, dflt: string): number[] {
  return (process.env[name] ?? dflt)
    .split(',')
    .filter((s) => s.trim())
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n));
}

export const f0 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(0));
export const f2 = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? 'n/a' : n.toFixed(2));
