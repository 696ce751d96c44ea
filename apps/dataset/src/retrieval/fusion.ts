/** A child chunk of a hierarchical segment that matched, with its own score. */
export interface ChildHit {
  id: string;
  score: number;
}

/** One candidate segment with a score in 0..1; for hierarchical datasets, the children that matched. */
export interface SegmentHit {
  segmentId: string;
  score: number;
  children?: ChildHit[];
}

/** Rank constant of reciprocal-rank fusion (the value from Cormack et al., also Elasticsearch's default). */
export const RRF_K = 60;

/** Keeps one hit per segment with the best score; a segment's children are the union of its matched children. */
export function groupBySegment(hits: SegmentHit[]): SegmentHit[] {
  const out = new Map<string, SegmentHit>();
  for (const h of hits) {
    const prev = out.get(h.segmentId);
    if (!prev) {
      out.set(h.segmentId, { segmentId: h.segmentId, score: h.score, ...(h.children ? { children: [...h.children] } : {}) });
      continue;
    }
    prev.score = Math.max(prev.score, h.score);
    if (h.children) prev.children = mergeChildren(prev.children ?? [], h.children);
  }
  return sortByScore([...out.values()]);
}

/**
 * `vectorWeight·v + keywordWeight·k`. A segment found by only one search keeps that side's share
 * (the other side counts 0) rather than being dropped, so keyword-only matches survive (Dify #41151).
 */
export function weightedFusion(vector: SegmentHit[], keyword: SegmentHit[], vectorWeight: number, keywordWeight: number): SegmentHit[] {
  const v = new Map(groupBySegment(vector).map((h) => [h.segmentId, h]));
  const k = new Map(groupBySegment(keyword).map((h) => [h.segmentId, h]));
  const ids = new Set([...v.keys(), ...k.keys()]);
  const out: SegmentHit[] = [];
  for (const id of ids) {
    const a = v.get(id);
    const b = k.get(id);
    const children = mergeChildren(a?.children ?? [], b?.children ?? []);
    out.push({ segmentId: id, score: vectorWeight * (a?.score ?? 0) + keywordWeight * (b?.score ?? 0), ...(children.length ? { children } : {}) });
  }
  return sortByScore(out);
}

/**
 * Reciprocal-rank fusion, divided by its maximum (first in every list) so scores stay in 0..1 and
 * a threshold means the same for every query: first in both lists → 1, first in one only → 0.5.
 */
export function reciprocalRankFusion(lists: SegmentHit[][], k = RRF_K): SegmentHit[] {
  const grouped = lists.map(groupBySegment);
  const max = grouped.length / (k + 1);
  const acc = new Map<string, SegmentHit>();
  for (const list of grouped) {
    list.forEach((h, rank) => {
      const add = 1 / (k + rank + 1);
      const prev = acc.get(h.segmentId);
      if (!prev) acc.set(h.segmentId, { segmentId: h.segmentId, score: add, ...(h.children ? { children: [...h.children] } : {}) });
      else {
        prev.score += add;
        if (h.children) prev.children = mergeChildren(prev.children ?? [], h.children);
      }
    });
  }
  return sortByScore([...acc.values()].map((h) => ({ ...h, score: max > 0 ? h.score / max : 0 })));
}

/** The one threshold, on the final score, then top_k. */
export function applyThresholdAndTopK<T extends { score: number }>(hits: T[], threshold: number | null, topK: number): T[] {
  const kept = threshold === null ? hits : hits.filter((h) => h.score >= threshold);
  return sortByScore(kept).slice(0, topK);
}

export function sortByScore<T extends { score: number }>(hits: T[]): T[] {
  return [...hits].sort((a, b) => b.score - a.score);
}

function mergeChildren(a: ChildHit[], b: ChildHit[]): ChildHit[] {
  const m = new Map<string, number>();
  for (const c of [...a, ...b]) m.set(c.id, Math.max(m.get(c.id) ?? -Infinity, c.score));
  return [...m].map(([id, score]) => ({ id, score })).sort((x, y) => y.score - x.score);
}
