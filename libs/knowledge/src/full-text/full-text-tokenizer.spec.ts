import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { queryLexemes, toTsqueryLiteral, toTsvectorLiteral, tokenize } from './full-text-tokenizer';

test('English words are lower-cased and stop words dropped', () => {
  assert.deepEqual(
    tokenize('The Quick fox, and THE dog').map((t) => t.lexeme),
    ['quick', 'fox', 'dog'],
  );
});

test('Chinese text becomes characters and bigrams; a query matches by bigrams', () => {
  const lexemes = tokenize('退款政策').map((t) => t.lexeme);
  assert.deepEqual(lexemes, ['退', '退款', '款', '款政', '政', '政策', '策']);
  assert.deepEqual(queryLexemes('退款'), ['退款']);
  assert.deepEqual(queryLexemes('退'), ['退']);
});

test('literals escape quotes and backslashes and keep positions', () => {
  assert.equal(toTsvectorLiteral("it's o'brien o'brien"), "'s':2 'o':3,5 'brien':4,6");
  assert.equal(toTsqueryLiteral('x\\y'), "'x' | 'y'");
  assert.equal(toTsqueryLiteral('the of and'), null);
});

test('ASCII text takes the fast path with the same tokens as the Unicode path', () => {
  const ascii = "Refunds_2024 take 5-7 DAYS; it's the policy of O'Brien & co. " + 'x'.repeat(70) + ' end';
  // A trailing non-ASCII word sends the same text through the Unicode path.
  const unicode = `${ascii} é`;
  assert.equal(`${toTsvectorLiteral(ascii)} 'é':16`, toTsvectorLiteral(unicode));
  assert.deepEqual(tokenize(ascii), tokenize(unicode).slice(0, -1));
});
