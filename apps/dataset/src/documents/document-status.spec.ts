import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newBatchId } from './batch-id';
import { apiIndexingStatus, displayStatus } from './document-status';

const doc = (over: Partial<Parameters<typeof displayStatus>[0]> = {}) => ({
  indexingStatus: 'completed' as const,
  isPaused: false,
  enabled: true,
  archived: false,
  ...over,
});

test('display_status follows Dify, with a paused document shown as paused at every stage', () => {
  assert.equal(displayStatus(doc({ indexingStatus: 'waiting' })), 'queuing');
  assert.equal(displayStatus(doc({ indexingStatus: 'splitting' })), 'indexing');
  assert.equal(displayStatus(doc({ indexingStatus: 'waiting', isPaused: true })), 'paused');
  assert.equal(displayStatus(doc({ indexingStatus: 'indexing', isPaused: true })), 'paused');
  assert.equal(displayStatus(doc({ indexingStatus: 'error' })), 'error');
  assert.equal(displayStatus(doc()), 'available');
  assert.equal(displayStatus(doc({ enabled: false })), 'disabled');
  assert.equal(displayStatus(doc({ archived: true, enabled: false })), 'archived');
  // A pause that arrives after the pipeline finished changes nothing the user sees.
  assert.equal(displayStatus(doc({ isPaused: true })), 'available');
});

test('indexing_status reads paused while paused mid-flight, the real stage otherwise', () => {
  assert.equal(apiIndexingStatus(doc({ indexingStatus: 'parsing', isPaused: true })), 'paused');
  assert.equal(apiIndexingStatus(doc({ indexingStatus: 'parsing' })), 'parsing');
  assert.equal(apiIndexingStatus(doc({ indexingStatus: 'error', isPaused: true })), 'error');
});

test('batch ids look like Dify’s: a 14-digit local timestamp and 6 random digits', () => {
  const id = newBatchId(new Date(2024, 0, 2, 3, 4, 5));
  assert.match(id, /^20240102030405\d{6}$/);
  assert.notEqual(newBatchId(), newBatchId());
});
