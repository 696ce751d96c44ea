import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keywordScore, queryLexemes } from './keyword-scorer';

const stats = (df: Record<string, number>, total = 100, avgLength = 8) => ({ total, avgLength, docFreq: new Map(Object.entries(df)) });

test('every query term present scores near 1, half the information about half, none 0', () => {
  const lex = queryLexemes('refund policy');
  const s = stats({ refund: 5, policy: 5 });
  const all = keywordScore('Our refund policy lasts thirty days from delivery', lex, s);
  const half = keywordScore('The policy on shipping lasts thirty days from delivery', lex, s);
  assert.ok(all > 0.9 && all <= 1, `all=${all}`);
  assert.ok(half > 0.35 && half < 0.65, `half=${half}`);
  assert.equal(keywordScore('nothing relevant here', lex, s), 0);
});

test('rare terms weigh more than common ones', () => {
  const lex = queryLexemes('zebra policy');
  const s = stats({ zebra: 1, policy: 90 });
  assert.ok(keywordScore('a zebra story', lex, s) > keywordScore('a policy story', lex, s));
});

test('Chinese text scores through CJK bigrams', () => {
  const lex = queryLexemes('退款政策');
  const s = stats(Object.fromEntries(lex.map((l) => [l, 2])), 100, 30);
  assert.ok(keywordScore('我们的退款政策是三十天内无理由退货', lex, s) > 0.9);
  assert.ok(keywordScore('今天天气很好', lex, s) === 0);
});
