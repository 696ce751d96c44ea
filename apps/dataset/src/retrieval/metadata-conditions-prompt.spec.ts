import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MetadataField, metadataConditionMessages, parseMetadataConditions } from './metadata-conditions-prompt';

const FIELDS: MetadataField[] = [
  { name: 'product', type: 'string' },
  { name: 'year', type: 'number' },
  { name: 'published', type: 'time' },
];

test('valid conditions are kept, in both our shape and Dify metadata_map shape', () => {
  assert.deepEqual(
    parseMetadataConditions(
      '{"conditions":[{"name":"product","comparison_operator":"is","value":"kettle"},{"name":"year","comparison_operator":"≥","value":2020}]}',
      FIELDS,
    ),
    {
      logical_operator: 'and',
      conditions: [
        { name: 'product', comparison_operator: 'is', value: 'kettle' },
        { name: 'year', comparison_operator: '≥', value: 2020 },
      ],
    },
  );
  assert.deepEqual(
    parseMetadataConditions(
      'Here: {"metadata_map":[{"metadata_field_name":"published","metadata_field_value":"2024-01-01","comparison_operator":"after"}]}',
      FIELDS,
    )?.conditions,
    [{ name: 'published', comparison_operator: 'after', value: '2024-01-01' }],
  );
  assert.deepEqual(parseMetadataConditions('{"conditions":[{"name":"product","comparison_operator":"not empty"}]}', FIELDS)?.conditions, [
    { name: 'product', comparison_operator: 'not empty', value: null },
  ]);
});

test('unknown fields, operators wrong for the type, missing values and prose are dropped', () => {
  const reply = JSON.stringify({
    conditions: [
      { name: 'colour', comparison_operator: 'is', value: 'red' },
      { name: 'year', comparison_operator: 'contains', value: '20' },
      { name: 'published', comparison_operator: '>', value: '2024' },
      { name: 'product', comparison_operator: 'is', value: '' },
      { name: 'product', comparison_operator: 'DROP TABLE', value: 'x' },
    ],
  });
  assert.equal(parseMetadataConditions(reply, FIELDS), null);
  assert.equal(parseMetadataConditions('No filter is needed.', FIELDS), null);
  assert.equal(parseMetadataConditions('{"conditions": [', FIELDS), null);
  assert.equal(parseMetadataConditions('{"conditions": []}', FIELDS), null);
});

test('the prompt lists each field with the operators its type allows, and carries the question', () => {
  const [system, user] = metadataConditionMessages(FIELDS, 'kettles from 2021?');
  assert.match(system.content, /- product \(string\): contains, not contains/);
  assert.match(system.content, /- year \(number\): =, ≠, >, <, ≥, ≤/);
  assert.match(system.content, /- published \(time\): before, after/);
  assert.equal(user.content, 'kettles from 2021?');
});
