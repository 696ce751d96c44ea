import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProviderNotInitializeError } from '@sluice/contracts';
import { DocumentExtractionError, PDF_CORRUPT_MESSAGE, UnsupportedFileTypeError } from '@sluice/rag';
import { isPermanent, readableError } from './stage-failure';

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
