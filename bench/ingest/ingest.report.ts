/** The ingestion section of bench/RESULTS.md and its figures, from bench/results/ingest-latest.json. */
import { caption, f0, f2, loadResult, when, writeFigure } from '../support/results';
import { Series, lineChart } from '../support/svg-chart';
import type { IngestBenchResult } from './ingest.bench';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

export function ingestSection(): string | undefined {
  const r = loadResult<IngestBenchResult>('ingest');
  if (!r) return undefined;
  const m = r.machine;
  const lat = r.settings.embedMs;
  const base = 'in-process extract → clean → split of the same documents, same run, before the worker started';
  const cap = caption(m, base);
  const perLatency = <P>(points: P[], x: (p: P) => number, y: (p: P, ms: number) => number | undefined): Series[] =>
    lat.map((ms, i) => ({
      name: `${ms} ms embeddings`,
      color: COLORS[i % COLORS.length],
      points: points.map((p) => [x(p), y(p, ms) ?? NaN] as [number, number]),
    }));

  writeFigure(
    'ingest-size.svg',
    lineChart({
      title: 'Ingestion: pages/s by document size (one at a time)',
      caption: cap,
      xLabel: 'pages per document',
      yLabel: 'pages/s',
      series: [
        { name: 'in-process parse → split', color: '#888', dashed: true, points: r.sizes.map((p) => [p.pages, p.baseline]) },
        ...perLatency(
          r.sizes,
          (p) => p.pages,
          (p, ms) => p.endToEnd[ms],
        ),
      ],
    }),
  );
  writeFigure(
    'ingest-size-fraction.svg',
    lineChart({
      title: 'Ingestion end to end as a fraction of in-process parse → split',
      caption: cap,
      xLabel: 'pages per document',
      yLabel: 'end to end / baseline',
      series: perLatency(
        r.sizes,
        (p) => p.pages,
        (p, ms) => (p.endToEnd[ms] ?? NaN) / p.baseline,
      ),
    }),
  );
  const flightCap = caption(
    m,
    `in-process extract → clean → split of one ${r.settings.inflightPages}-page document (${f0(r.inflightBaseline)} pages/s), same run`,
  );
  writeFigure(
    'ingest-inflight.svg',
    lineChart({
      title: `Ingestion: pages/s by documents in flight (${r.settings.inflightPages} pages each)`,
      caption: flightCap,
      xLabel: 'documents in flight',
      yLabel: 'pages/s',
      series: [
        { name: 'in-process parse → split', color: '#888', dashed: true, points: r.inflight.map((p) => [p.inFlight, r.inflightBaseline]) },
        ...perLatency(
          r.inflight,
          (p) => p.inFlight,
          (p, ms) => p.endToEnd[ms],
        ),
      ],
    }),
  );
  writeFigure(
    'ingest-inflight-fraction.svg',
    lineChart({
      title: 'Ingestion in flight as a fraction of in-process parse → split',
      caption: flightCap,
      xLabel: 'documents in flight',
      yLabel: 'end to end / baseline',
      series: perLatency(
        r.inflight,
        (p) => p.inFlight,
        (p, ms) => (p.endToEnd[ms] ?? NaN) / r.inflightBaseline,
      ),
    }),
  );

  const out: string[] = [];
  out.push(`Measured ${when(m)} on ${m.cores} cores (${m.cpu}), Node ${m.node}; load average before → after: ${m.loadavg}.`);
  out.push(
    `Documents through the BullMQ stages (parse, clean, split, embed, index) to an ingest worker in its own process, the test model server in another answering every embeddings request after ` +
      `${lat.join(' or ')} ms. Baseline: ${base}. Sizes run: ${r.settings.sizes.join(', ')} pages; in flight: ${r.settings.inflight.join(', ')} documents of ${r.settings.inflightPages} pages ` +
      "(closed loop, two documents per client, at least four). Pages/s end to end is enqueue → the document's `completed_at`; documents of up to 100 pages are the best of two runs (the baseline: best of three, of two up to 500 pages). " +
      'The latencies run one after the other, each with a fresh worker and model server and documents of its own (the embedding cache cannot answer).\n',
  );
  out.push('![pages/s by size](figures/ingest-size.svg)\n\n![fraction by size](figures/ingest-size-fraction.svg)\n');
  out.push(`| pages | segments | baseline pages/s | ${lat.map((ms) => `end to end ${ms} ms (fraction) | worker parse → split ${ms} ms`).join(' | ')} |`);
  out.push(`|---|---|---|${lat.map(() => '---|---|').join('')}`);
  for (const p of r.sizes) {
    out.push(
      `| ${p.pages} | ${p.segments} | ${f0(p.baseline)} | ${lat.map((ms) => `${f0(p.endToEnd[ms])} (${f2((p.endToEnd[ms] ?? NaN) / p.baseline)}) | ${f0(p.workerParseSplit[ms])}`).join(' | ')} |`,
    );
  }
  out.push('\n![pages/s by documents in flight](figures/ingest-inflight.svg)\n\n![fraction in flight](figures/ingest-inflight-fraction.svg)\n');
  out.push(`| in flight | documents | ${lat.map((ms) => `pages/s ${ms} ms (fraction)`).join(' | ')} |\n|---|---|${lat.map(() => '---|').join('')}`);
  for (const p of r.inflight)
    out.push(
      `| ${p.inFlight} | ${p.documents} | ${lat.map((ms) => `${f0(p.endToEnd[ms])} (${f2((p.endToEnd[ms] ?? NaN) / r.inflightBaseline)})`).join(' | ')} |`,
    );
  if (r.rss) {
    out.push(
      `\nPeak RSS of a fresh worker ingesting a ${f0(r.rss.mb)} MB PDF (text pages + binary attachments, ${r.rss.segments} segments, ${f2(r.rss.seconds)} s): ` +
        `idle ${r.rss.idleMb} MB, peak ${r.rss.peakMb} MB (budget < 1024 MB: ${r.rss.peakMb < 1024 ? 'met' : '**missed**'}).`,
    );
  }
  return out.join('\n');
}
