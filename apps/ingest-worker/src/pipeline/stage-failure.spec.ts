import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProviderNotInitializeError, ServiceUnavailableError } from '@sluice/contracts';
import { STAGE_ATTEMPTS, STAGE_RETRY, stageRetryDelayMs } from '@sluice/knowledge';
import { DocumentExtractionError, PDF_CORRUPT_MESSAGE, UnsupportedFileTypeError } from '@sluice/rag';
import { isOutage, isPermanent, readableError } from './stage-failure';

test('bad files and provider configuration fail at once with their own message; other errors are retried and say which step failed', () => {
  const corrupt = new DocumentExtractionError('corrupt', PDF_CORRUPT_MESSAGE);
  assert.equal(isPermanent(corrupt), true);
  assert.equal(readableError(corrupt, 'reading the file'), PDF_CORRUPT_MESSAGE);
  assert.equal(isPermanent(new UnsupportedFileTypeError('exe')), true);
  const creds = new ProviderNotInitializeError('The model provider rejected the credentials: bad key');
  assert.equal(readableError(creds, 'embedding the segments'), 'The model provider rejected the credentials: bad key');
  const blip = new Error('Connection terminated unexpectedly');
  assert.equal(isPermanent(blip), false);
  assert.equal(readableError(blip, 'splitting the text'), 'Indexing failed while splitting the text: Connection terminated unexpectedly');
});

test('outages of PostgreSQL, Redis or the vector store are waited out, not failed', () => {
  assert.equal(isOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })), true);
  assert.equal(isOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), true);
  // The vector store being away is a DomainError, but not a permanent one.
  assert.equal(isPermanent(new ServiceUnavailableError('Qdrant is unavailable')), false);
  assert.equal(isOutage(new Error('Cannot read properties of undefined')), false);
});

test('stage retries back off to 30 s and span about 15 minutes, so ordinary outages never fail a document', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(stageRetryDelayMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  let total = 0;
  for (let n = 1; n < STAGE_ATTEMPTS; n++) total += stageRetryDelayMs(n);
  assert.ok(total >= STAGE_RETRY.outageWindowMs && total < STAGE_RETRY.outageWindowMs + STAGE_RETRY.maxDelayMs, `${total} ms of backoff`);
});
