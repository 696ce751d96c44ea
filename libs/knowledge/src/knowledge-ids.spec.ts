import assert from 'node:assert/strict';
import { test } from 'node:test';
import { childNodeId, segmentNodeId } from './knowledge-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('node ids are version-5 UUIDs, the same for the same document, generation and position', () => {
  const doc = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const a = segmentNodeId(doc, 1, 3);
  assert.match(a, UUID);
  assert.equal(segmentNodeId(doc, 1, 3), a);
  assert.notEqual(segmentNodeId(doc, 2, 3), a, 'a new generation writes new points');
  assert.notEqual(segmentNodeId(doc, 1, 4), a);
  assert.match(childNodeId(a, 1), UUID);
  assert.equal(childNodeId(a, 1), childNodeId(a, 1));
  assert.notEqual(childNodeId(a, 1), childNodeId(a, 2));
});
