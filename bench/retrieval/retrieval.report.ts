/** The retrieval section of bench/RESULTS.md and its figures, from bench/results/retrieval-latest.json. */
import { caption, f0, f2, loadResult, when, writeFigure } from '../support/results';
import { Series, lineChart } from '../support/svg-chart';
import type { RetrievalBenchResult, RetrievalPoint } from './retrieval.bench';

type Key = 'rawVector' | 'rawText' | 'semantic' | 'fullText' | 'hybrid';
const LINES: { key: Key; name: string; color: string; dashed?: boolean }[] = [
  { key: 'rawVector', name: 'raw vector-store search', color: '#888', dashed: true },
  { key: 'rawText', name: 'raw full-text SQL', color: '#bbb', dashed: true },
  { key: 'semantic', name: 'semantic', color: '#1f77b4' },
  { key: 'fullText', name: 'full-text (warm)', color: '#2ca02c' },
  { key: 'hybrid', name: 'hybrid RRF (warm)', color: '#d62728' },
];

function table(points: RetrievalPoint[], xName: string): string[] {
  const out = [
    `| ${xName} | raw vector p50 / p99 | raw full-text p50 / p99 | semantic p50 / p99 | full-text p50 / p99 | hybrid p50 / p99 | semantic / raw vector p50 |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const p of points) {
    const c = (k: Key) => `${f2(p[k].p50)} / ${f2(p[k].p99)}`;
    out.push(
      `| ${p.x} | ${c('rawVector')} | ${c('rawText')} | ${c('semantic')} | ${c('fullText')} | ${c('hybrid')} | ${f2(p.semantic.p50 / p.rawVector.p50)} |`,
    );
  }
  return out;
}

export function retrievalSection(): string | undefined {
  const r = loadResult<RetrievalBenchResult>('retrieval');
  if (!r) return undefined;
  const m = r.machine;
  const cap = caption(m, 'the raw vector-store search(es) and raw full-text SQL the service issues (one per dataset, in parallel), same run');
  const series = (points: RetrievalPoint[], q: 'p50' | 'p99'): Series[] =>
    LINES.map((l) => ({ ...l, points: points.map((p) => [p.x, p[l.key][q]] as [number, number]) }));
  for (const q of ['p50', 'p99'] as const) {
    if (r.bySize.length) {
      writeFigure(
        `retrieval-size-${q}.svg`,
        lineChart({
          title: `Retrieval ${q} by segments in one dataset`,
          caption: cap,
          xLabel: 'segments (log scale)',
          yLabel: `${q} ms (log scale)`,
          logY: true,
          series: series(r.bySize, q),
        }),
      );
    }
    if (r.byDatasets.length) {
      writeFigure(
        `retrieval-datasets-${q}.svg`,
        lineChart({
          title: `Retrieval ${q} by datasets searched together (${r.settings.datasetSize} segments each)`,
          caption: cap,
          xLabel: 'datasets',
          yLabel: `${q} ms (log scale)`,
          logY: true,
          series: series(r.byDatasets, q),
        }),
      );
    }
  }
  const out: string[] = [];
  out.push(`Measured ${when(m)} on ${m.cores} cores (${m.cpu}), Node ${m.node}; load average before → after: ${m.loadavg}.`);
  out.push(
    `Through RetrievalService (the code behind \`dataset.retrieve\` and hit testing), ${r.settings.queries} queries of 2–3 words per point, top_k ${r.settings.topK}, ${r.settings.dim}-d vectors, ` +
      `query embedding precomputed. **Sizes run: ${r.settings.sizes.join(', ')} segments** (set BENCH_RETRIEVAL_SIZES=10000,100000,500000 for 500k ` +
      `— about 8 more minutes on the 2-core machine); datasets searched together: ${r.settings.datasets.join(', ') || 'none'}, of ${r.settings.datasetSize} segments each, in a vector table of their own. ` +
      'Baseline at every point: the raw vector-store search and the raw full-text SQL, one per dataset, in parallel, as the service issues them.\n',
  );
  if (r.bySize.length) {
    out.push('![p50 by size](figures/retrieval-size-p50.svg)\n\n![p99 by size](figures/retrieval-size-p99.svg)\n');
    out.push(...table(r.bySize, 'segments'));
    out.push(
      `\nTime to grow the dataset to each size and settle it (optimize, VACUUM ANALYZE): ${Object.entries(r.loadSeconds)
        .map(([k, v]) => `${k}: ${f0(v)} s`)
        .join(', ')}.`,
    );
  }
  if (r.byDatasets.length) {
    out.push('\n![p50 by datasets](figures/retrieval-datasets-p50.svg)\n\n![p99 by datasets](figures/retrieval-datasets-p99.svg)\n');
    out.push(...table(r.byDatasets, 'datasets'));
  }
  const d = r.details;
  if (d) {
    out.push(
      `\n**At ${d.segments} segments**: LanceDB's own IVF_PQ search (memory index off) p50 ${f2(d.lanceIvfPq.p50)} ms / p99 ${f2(d.lanceIvfPq.p99)} ms against the in-memory index's ${f2(d.rawVector.p50)} / ${f2(d.rawVector.p99)} ms; `,
    );
    out.push(
      `recall@${d.recallK} against exact search ${f2(d.recallMemory)} (memory index) and ${f2(d.recallIvfPq)} (IVF_PQ). First search after a restart ${f0(d.firstSearchAfterRestartMs)} ms (vectors loaded in the background in ${f0(d.memoryIndexLoadMs)} ms); `,
    );
    out.push(
      `first search after another process wrote 100 points ${f0(d.catchUpAfter100WritesMs)} ms. Full-text cold / warm p50 ${f2(d.fullTextCold.p50)} / ${f2(d.fullTextWarm.p50)} ms; `,
    );
    out.push(`hybrid RRF cold / warm ${f2(d.hybridCold.p50)} / ${f2(d.hybridWarm.p50)} ms, weighted ${f2(d.hybridWeighted.p50)} ms.`);
  }
  const at = r.bySize.find((p) => p.x === 100_000);
  if (at)
    out.push(
      `\nBudgets at 100k (ARCHITECTURE.md): semantic p50 ≤ 10 ms: ${f2(at.semantic.p50)} (${at.semantic.p50 <= 10 ? 'met' : '**missed**'}); hybrid p50 ≤ 25 ms: ${f2(at.hybrid.p50)} (${at.hybrid.p50 <= 25 ? 'met' : '**missed**'}).`,
    );
  return out.join('\n');
}
