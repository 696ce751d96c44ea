import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { difyIsoDateTime } from './dify-datetime';

describe('difyIsoDateTime', () => {
  it('writes a naive UTC ISO 8601 time as Python isoformat() does', () => {
    assert.equal(difyIsoDateTime(new Date('2025-01-16T14:30:29.123Z')), '2025-01-16T14:30:29.123000');
    assert.equal(difyIsoDateTime(new Date('2025-01-16T14:30:29Z')), '2025-01-16T14:30:29');
    assert.equal(difyIsoDateTime(null), null);
  });
});
