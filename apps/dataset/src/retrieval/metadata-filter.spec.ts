import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParamError } from '@sluice/contracts';
import { metadataFilterSql, parseMetadataFilter } from './metadata-filter';

test('conditions become bound SQL joined by the logical operator', () => {
  const f = parseMetadataFilter({
    logical_operator: 'or',
    conditions: [
      { name: 'category', comparison_operator: 'is', value: 'billing' },
      { name: 'year', comparison_operator: '≥', value: '2024' },
      { name: 'tags', comparison_operator: 'in', value: ['a', 'b'] },
    ],
  })!;
  const { sql, params } = metadataFilterSql(f, 2);
  assert.match(sql, / OR /);
  assert.doesNotMatch(sql, /billing|2024/, 'values are bound, never spliced');
  assert.deepEqual(params, ['category', 'billing', 'year', 2024, 'tags', ['a', 'b']]);
  assert.match(sql, /\$3/);
});

test('like patterns escape wildcards; before/after compare unix seconds', () => {
  const { params } = metadataFilterSql(
    parseMetadataFilter({
      conditions: [
        { name: 'title', comparison_operator: 'contains', value: '50%_off' },
        { name: 'published', comparison_operator: 'before', value: '2024-01-01T00:00:00Z' },
      ],
    })!,
    0,
  );
  assert.deepEqual(params, ['title', '%50\\%\\_off%', 'published', 1704067200]);
});

test('no conditions → no filter; unknown operator → invalid_param', () => {
  assert.equal(parseMetadataFilter({ logical_operator: 'and', conditions: [] }), null);
  assert.equal(parseMetadataFilter(null), null);
  assert.throws(() => parseMetadataFilter({ conditions: [{ name: 'a', comparison_operator: 'like', value: 'x' }] }), InvalidParamError);
});
