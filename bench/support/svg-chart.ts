/**
 * Line charts as self-contained SVG, drawn by hand (no plotting dependency): x on a log2 scale
 * (concurrency 1, 4, 16, …), y linear or log10, one polyline per series, a legend, and a caption
 * that states the machine, the date and the baseline the figure is compared with.
 */
export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  points: [number, number][];
}

export interface ChartSpec {
  title: string;
  caption: string;
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  series: Series[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function niceTicks(min: number, max: number, n = 5): number[] {
  const span = max - min || 1;
  const step0 = span / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= n) ?? 10 * mag;
  const out: number[] = [];
  // Up to the first tick at or above max, so no point is drawn above the plot.
  for (let v = Math.floor(min / step) * step; ; v += step) {
    if (v >= min - 1e-9) out.push(Number(v.toPrecision(12)));
    if (v >= max - 1e-9) break;
  }
  return out;
}

const fmt = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(v % 1000 ? 1 : 0)}k` : v >= 10 || v === 0 ? v.toFixed(0) : v.toPrecision(2));

export function lineChart(spec: ChartSpec): string {
  const W = 720;
  const H = 420;
  const m = { l: 70, r: 180, t: 40, b: 80 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const pts = spec.series.flatMap((s) => s.points).filter(([, y]) => Number.isFinite(y));
  const xs = [...new Set(pts.map(([x]) => x))].sort((a, b) => a - b);
  const lx = (x: number) => Math.log2(x);
  const x0 = lx(xs[0] ?? 1);
  const x1 = lx(xs.at(-1) ?? 2);
  const X = (x: number) => m.l + ((lx(x) - x0) / (x1 - x0 || 1)) * pw;
  const ys = pts.map(([, y]) => y);
  let yTicks: number[];
  let Y: (y: number) => number;
  if (spec.logY) {
    const lo = Math.floor(Math.log10(Math.max(Math.min(...ys), 0.01)));
    const hi = Math.ceil(Math.log10(Math.max(...ys, 0.1)));
    yTicks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
    Y = (y: number) => m.t + ph - ((Math.log10(Math.max(y, 10 ** lo)) - lo) / (hi - lo || 1)) * ph;
  } else {
    const max = Math.max(...ys, 0) * 1.08 || 1;
    yTicks = niceTicks(0, max);
    const top = yTicks.at(-1)!;
    Y = (y: number) => m.t + ph - (y / top) * ph;
  }
  const g: string[] = [];
  g.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  g.push(`<text x="${m.l}" y="24" font-size="15" font-weight="bold">${esc(spec.title)}</text>`);
  for (const t of yTicks) {
    g.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${Y(t).toFixed(1)}" y2="${Y(t).toFixed(1)}" stroke="#e5e5e5"/>`);
    g.push(`<text x="${m.l - 6}" y="${(Y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  for (const x of xs) {
    g.push(`<line x1="${X(x).toFixed(1)}" x2="${X(x).toFixed(1)}" y1="${m.t}" y2="${m.t + ph}" stroke="#f0f0f0"/>`);
    g.push(`<text x="${X(x).toFixed(1)}" y="${m.t + ph + 16}" text-anchor="middle" font-size="11">${x}</text>`);
  }
  g.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  g.push(`<text x="${m.l + pw / 2}" y="${m.t + ph + 34}" text-anchor="middle" font-size="12">${esc(spec.xLabel)}</text>`);
  g.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(spec.yLabel)}</text>`);
  spec.series.forEach((s, i) => {
    const p = s.points.filter(([, y]) => Number.isFinite(y));
    if (p.length) {
      const d = p.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ');
      g.push(`<polyline points="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
      for (const [x, y] of p)
        g.push(
          `<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3" fill="${s.color}"><title>${esc(s.name)}: ${y.toFixed(2)} at ${x}</title></circle>`,
        );
    }
    const ly = m.t + 10 + i * 20;
    g.push(
      `<line x1="${m.l + pw + 14}" x2="${m.l + pw + 40}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    g.push(`<text x="${m.l + pw + 46}" y="${ly + 4}" font-size="11">${esc(s.name)}</text>`);
  });
  spec.caption.split('\n').forEach((line, i) => g.push(`<text x="${m.l}" y="${H - 28 + i * 14}" font-size="10" fill="#555">${esc(line)}</text>`));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">\n${g.join('\n')}\n</svg>\n`;
}
