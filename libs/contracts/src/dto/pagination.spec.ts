import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidParamError } from '../errors';
import { pageQuerySchema } from './pagination';
import { parseConfig } from './zod-parse';

describe('pageQuerySchema', () => {
  it('defaults and coerces as Dify does', () => {
    assert.deepEqual(parseConfig(pageQuerySchema, {}), { page: 1, limit: 20 });
    assert.deepEqual(parseConfig(pageQuerySchema, { page: '3', limit: '100' }), { page: 3, limit: 100 });
  });
  it('refuses pages and limits a database offset cannot take, naming the field', () => {
    for (const page of ['99999999999999999999', '1e20', '100000', '0', '-1', '1.5', 'NaN', ['1', '2']]) {
      assert.throws(
        () => parseConfig(pageQuerySchema, { page }),
        (e: InvalidParamError) => e.params === 'page',
        String(page),
      );
    }
    for (const limit of ['0', '101', '1e308', 'abc']) {
      assert.throws(
        () => parseConfig(pageQuerySchema, { limit }),
        (e: InvalidParamError) => e.params === 'limit',
        String(limit),
      );
    }
  });
});
