/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and writes a flame graph as a self-contained SVG,
 * plus a text summary of where the time goes: self time by function and by area (package or
 * Sluice folder), idle time left out.
 *
 *   node dist/bench/profile/flame.js <file.cpuprofile> <out.svg> [title] [windows.json]
 *
 * windows.json: [[startUs, endUs], …] on the system's monotonic clock (process.hrtime, which is
 * also the profile's clock): only samples inside them count — the load, not the boot.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface Frame {
  name: string;
  area: string;
  self: number;
  total: number;
  children: Map<string, Frame>;
}

/** The package (node_modules/<pkg>), the Sluice folder (apps/x, libs/y) or node's internals a frame belongs to. */
export function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const m = /\/(apps|libs|bench)\/([^/]+)\//.exec(url);
  if (m) return `${m[1]}/${m[2]}`;
  return url.split('/').slice(-1)[0];
}

export function analyse(p: Profile, windows?: [number, number][]) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per node from the samples (hitCount × mean interval is coarser).
  const timeOf = new Map<number, number>();
  let at = p.startTime;
  let wall = 0;
  p.samples.forEach((id, i) => {
    const d = p.timeDeltas[i] ?? 0;
    at += d;
    if (windows && !windows.some(([a, b]) => at >= a && at <= b)) return;
    wall += d / 1000;
    timeOf.set(id, (timeOf.get(id) ?? 0) + d / 1000);
  });
  const root: Frame = { name: 'all', area: '', self: 0, total: 0, children: new Map() };
  const selfByFn = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let idle = 0;
  for (const [id, ms] of timeOf) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const stack: Node[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur)!);
    stack.reverse();
    let f = root;
    f.total += ms;
    for (const s of stack.slice(1)) {
      const name = `${s.callFrame.functionName || '(anonymous)'} ${s.callFrame.url.split('/').slice(-1)[0]}:${s.callFrame.lineNumber + 1}`;
      let c = f.children.get(name);
      if (!c) f.children.set(name, (c = { name, area: areaOf(s.callFrame.url, s.callFrame.functionName), self: 0, total: 0, children: new Map() }));
      c.total += ms;
      f = c;
    }
    f.self += ms;
    selfByFn.set(f.name, (selfByFn.get(f.name) ?? 0) + ms);
    selfByArea.set(f.area, (selfByArea.get(f.area) ?? 0) + ms);
  }
  return { root, selfByFn, selfByArea, idle, busy: root.total, wall };
}

/**
 * Without recorded windows: from the first to the last sample inside the gateway's chat handler,
 * which leaves out the boot and the shutdown (the benchmark's few setup requests stay in).
 */
export function chatWindow(p: Profile): [number, number][] | undefined {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inChat = new Map<number, boolean>();
  const test = (id: number): boolean => {
    const known = inChat.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id)!;
    const up = parent.get(id);
    const v = n.callFrame.url.includes('chat-api.service') || (up !== undefined && test(up));
    inChat.set(id, v);
    return v;
  };
  let at = p.startTime;
  let first = 0;
  let last = 0;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i] ?? 0;
    if (!test(id)) return;
    first ||= at;
    last = at;
  });
  return first ? [[first, last]] : undefined;
}

const COLORS: Record<string, string> = {};
function color(area: string): string {
  if (COLORS[area]) return COLORS[area];
  let h = 0;
  for (const ch of area) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const sluice = area.startsWith('apps/') || area.startsWith('libs/');
  const node = area.startsWith('node:') || area.startsWith('(');
  const hue = sluice ? 190 + (h % 50) : node ? 20 + (h % 30) : 40 + (h % 100);
  return (COLORS[area] = `hsl(${hue},${sluice ? 60 : 70}%,${60 + (h % 15)}%)`);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function flameSvg(root: Frame, title: string, subtitle: string): string {
  const W = 1600;
  const ROW = 16;
  let depth = 0;
  const rects: string[] = [];
  const scale = (W - 20) / root.total;
  const walk = (f: Frame, x: number, d: number) => {
    depth = Math.max(depth, d);
    const w = f.total * scale;
    if (w < 0.3) return;
    const pct = ((100 * f.total) / root.total).toFixed(2);
    const label = w > 40 ? esc(f.name.slice(0, Math.floor(w / 6.5))) : '';
    rects.push(
      `<g><title>${esc(f.name)} [${esc(f.area)}] ${f.total.toFixed(1)} ms (${pct}%), self ${f.self.toFixed(1)} ms</title>` +
        `<rect x="${(10 + x).toFixed(1)}" y="${d}" width="${w.toFixed(1)}" height="${ROW - 1}" fill="${f === root ? '#ddd' : color(f.area)}" rx="1"/>` +
        (label ? `<text x="${(13 + x).toFixed(1)}" y="${d}" dy="11.5">${label}</text>` : '') +
        '</g>',
    );
    let cx = x;
    for (const c of [...f.children.values()].sort((a, b) => b.total - a.total)) {
      walk(c, cx, d + 1);
      cx += c.total * scale;
    }
  };
  walk(root, 0, 0);
  const H = (depth + 1) * ROW + 60;
  // Rows were laid out top-down by depth index; flip to y pixels (root at the bottom, as flame graphs are).
  const body = rects.map((r) => r.replace(/ y="(\d+)"/g, (_m, d) => ` y="${H - 10 - (Number(d) + 1) * ROW}"`)).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="monospace" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="18" font-size="15" font-family="sans-serif">${esc(title)}</text>
<text x="10" y="36" font-size="12" font-family="sans-serif" fill="#555">${esc(subtitle)}</text>
${body}
</svg>
`;
}

function main() {
  const [file, out, title = 'CPU flame graph', windowsFile] = process.argv.slice(2);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const windows = windowsFile ? (JSON.parse(readFileSync(windowsFile, 'utf8')) as [number, number][]) : chatWindow(profile);
  const a = analyse(profile, windows);
  const lines: string[] = [];
  lines.push(`wall ${a.wall.toFixed(0)} ms, busy ${a.busy.toFixed(0)} ms, idle ${a.idle.toFixed(0)} ms`);
  lines.push('\nself time by area:');
  for (const [k, v] of [...a.selfByArea].sort((x, y) => y[1] - x[1]).slice(0, 30))
    lines.push(`  ${((100 * v) / a.busy).toFixed(1).padStart(5)}%  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  lines.push('\nself time by function:');
  for (const [k, v] of [...a.selfByFn].sort((x, y) => y[1] - x[1]).slice(0, 40))
    lines.push(`  ${((100 * v) / a.busy).toFixed(1).padStart(5)}%  ${v.toFixed(0).padStart(6)} ms  ${k}`);
  console.log(lines.join('\n'));
  if (out)
    writeFileSync(
      out,
      flameSvg(
        a.root,
        title,
        `busy ${a.busy.toFixed(0)} ms of ${a.wall.toFixed(0)} ms wall; colours: blue = Sluice (apps/, libs/), orange = Node internals and GC, green/yellow = packages; hover for times`,
      ),
    );
}

if (require.main === module) main();
