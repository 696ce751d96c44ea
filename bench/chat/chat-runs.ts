/**
 * The log of every full `npm run bench:chat` run (bench/chat/runs.jsonl, committed): the per-run
 * JSON under bench/results/ is gitignored and lost with the checkout, and a target that has to hold
 * in consecutive runs needs all of them on record, the misses too.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../support/platform';
import type { ChatBenchResult } from './chat.bench';

export interface ChatRun {
  date: string;
  /** load average at the start → at the end */
  loadavg: string;
  cpu: string;
  /** the commit measured, `+` when code (apps/, libs/, bench's sources; not docs) had uncommitted changes; null when not recorded */
  commit: string | null;
  summary: ChatBenchResult['summary'];
  note?: string;
}

const LOG = join(root, 'bench', 'chat', 'runs.jsonl');

function commit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs', ':(glob)bench/**/*.ts', ':(exclude,glob)**/*.md'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head}+` : head;
  } catch {
    return null; // not a git checkout
  }
}

export function appendRun(r: ChatBenchResult): void {
  const run: ChatRun = { date: r.machine.date, loadavg: r.machine.loadavg, cpu: r.machine.cpu, commit: commit(), summary: r.summary };
  appendFileSync(LOG, JSON.stringify(run) + '\n');
  console.log('appended this run to bench/chat/runs.jsonl');
}

export function readRuns(): ChatRun[] {
  if (!existsSync(LOG)) return [];
  return readFileSync(LOG, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ChatRun);
}

/** The targets, judged on one run's summary (the same run's gateway against the direct model call). */
export function chatTargets(summary: ChatBenchResult['summary']): ChatBenchResult['targets'] {
  return [
    {
      name: 'blocking req/s at c=32',
      value: summary.blocking_rps_c32,
      target: '>= 500, 0 errors',
      ok: summary.blocking_rps_c32 >= 500 && summary.errors_c32 === 0,
    },
    { name: 'overhead p50 at c=1 (ms)', value: summary.overhead_p50_ms_c1, target: '<= 3', ok: summary.overhead_p50_ms_c1 <= 3 },
    { name: 'overhead p99 at c=1 (ms)', value: summary.overhead_p99_ms_c1, target: '<= 15', ok: summary.overhead_p99_ms_c1 <= 15 },
    { name: 'streaming TTFT overhead p50 at c=1 (ms)', value: summary.ttft_overhead_p50_ms_c1, target: '<= 3', ok: summary.ttft_overhead_p50_ms_c1 <= 3 },
    { name: 'platform CPU-ms per request at c=32', value: summary.cpu_ms_per_request_c32, target: '<= 3', ok: summary.cpu_ms_per_request_c32 <= 3 },
    { name: 'split / single req/s at c=32', value: summary.split_over_single_c32, target: '>= 0.8', ok: summary.split_over_single_c32 >= 0.8 },
  ];
}
