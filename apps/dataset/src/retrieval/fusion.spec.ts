import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyThresholdAndTopK, groupBySegment, reciprocalRankFusion, weightedFusion } from './fusion';

test('weighted fusion keeps a keyword-only match with its keyword share', () => {
  const fused = weightedFusion(
    [{ segmentId: 'a', score: 0.9 }],
    [
      { segmentId: 'a', score: 0.5 },
      { segmentId: 'k', score: 1 },
    ],
    0.7,
    0.3,
  );
  const byId = Object.fromEntries(fused.map((h) => [h.segmentId, h.score]));
  assert.ok(Math.abs(byId.a - (0.7 * 0.9 + 0.3 * 0.5)) < 1e-9);
  assert.ok(Math.abs(byId.k - 0.3) < 1e-9, 'keyword-only hit survives with 0.3·1');
  assert.deepEqual(
    fused.map((h) => h.segmentId),
    ['a', 'k'],
  );
});

test('reciprocal-rank fusion is normalized: first in both lists scores 1, first in one list 0.5', () => {
  const fused = reciprocalRankFusion([
    [
      { segmentId: 'a', score: 0.9 },
      { segmentId: 'b', score: 0.8 },
    ],
    [
      { segmentId: 'a', score: 0.4 },
      { segmentId: 'c', score: 0.3 },
    ],
  ]);
  assert.equal(fused[0].segmentId, 'a');
  assert.ok(Math.abs(fused[0].score - 1) < 1e-9);
  const keywordOnly = reciprocalRankFusion([[], [{ segmentId: 'k', score: 0.2 }]]);
  assert.equal(keywordOnly.length, 1);
  assert.ok(Math.abs(keywordOnly[0].score - 0.5) < 1e-9);
  for (const h of fused) assert.ok(h.score > 0 && h.score <= 1);
});

test('the threshold applies to the final score, once, before top_k', () => {
  const hits = [
    { segmentId: 'a', score: 0.2 },
    { segmentId: 'b', score: 0.9 },
    { segmentId: 'c', score: 0.55 },
    { segmentId: 'd', score: 0.5 },
  ];
  assert.deepEqual(
    applyThresholdAndTopK(hits, 0.5, 10).map((h) => h.segmentId),
    ['b', 'c', 'd'],
  );
  assert.deepEqual(
    applyThresholdAndTopK(hits, 0.5, 2).map((h) => h.segmentId),
    ['b', 'c'],
  );
  assert.deepEqual(
    applyThresholdAndTopK(hits, null, 10).map((h) => h.segmentId),
    ['b', 'c', 'd', 'a'],
  );
});

test('children of a hierarchical segment group under their parent with the best child score', () => {
  const grouped = groupBySegment([
    { segmentId: 'p', score: 0.4, children: [{ id: 'c1', score: 0.4 }] },
    { segmentId: 'p', score: 0.8, children: [{ id: 'c2', score: 0.8 }] },
    { segmentId: 'q', score: 0.6, children: [{ id: 'c3', score: 0.6 }] },
  ]);
  assert.deepEqual(
    grouped.map((g) => [g.segmentId, g.score]),
    [
      ['p', 0.8],
      ['q', 0.6],
    ],
  );
  assert.deepEqual(
    grouped[0].children?.map((c) => c.id),
    ['c2', 'c1'],
  );
});
