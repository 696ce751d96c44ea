import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidParamError, NotFoundError } from '@sluice/contracts';
import { EdgeInputPipe } from './edge-input.pipe';

const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });

describe('EdgeInputPipe', () => {
  const pipe = new EdgeInputPipe();
  const body = (v: unknown) => pipe.transform(v, { type: 'body' });
  const refused = (fn: () => unknown, field: string) =>
    assert.throws(fn, (e: InvalidParamError) => e instanceof InvalidParamError && e.params === field && e.message.startsWith(field));

  it('passes ordinary input through untouched', () => {
    const v = { query: '你好 😀', inputs: { n: 1, list: [1, 'two', { three: null }] }, user: 'u'.repeat(255) };
    assert.equal(body(v), v);
    assert.equal(pipe.transform('v-count', { type: 'param', data: 'variable_id' }), 'v-count');
  });
  it('refuses NUL anywhere — values, nested values, keys, query strings — naming the field', () => {
    refused(() => body({ query: 'a\u0000b' }), 'query');
    refused(() => body({ inputs: { topic: ['ok', 'x\u0000'] } }), 'inputs.topic.1');
    refused(() => body({ inputs: { 'k\u0000': 1 } }), 'inputs');
    refused(() => pipe.transform({ user: '\u0000' }, { type: 'query' }), 'user');
    refused(() => pipe.transform('\u0000', { type: 'query', data: 'app_id' }), 'app_id');
  });
  it('refuses lone surrogates but keeps real pairs', () => {
    refused(() => body({ inputs: { x: '\ud800' } }), 'inputs.x');
    refused(() => body({ q: 'a\udfffb' }), 'q');
    assert.doesNotThrow(() => body({ q: '\ud83d\ude00' }));
  });
  it('caps nesting at 32 levels without walking further', () => {
    assert.doesNotThrow(() => body({ inputs: deep(30) }));
    assert.throws(
      () => body({ inputs: deep(40) }),
      (e: InvalidParamError) => /^inputs(\.a)+$/.test(e.params!) && /nested deeper than 32 levels/.test(e.message),
    );
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    assert.throws(() => body({ inputs: v }), InvalidParamError);
  });
  it('bounds user to its 255-character column', () => {
    refused(() => body({ user: 'x'.repeat(256) }), 'user');
    refused(() => pipe.transform('x'.repeat(1 << 20), { type: 'body', data: 'user' }), 'user');
  });
  it('answers 404 for path ids that are not UUIDs, as Dify routes do', () => {
    for (const bad of ['not-a-uuid', '', '\u0000', '1e20']) {
      assert.throws(() => pipe.transform(bad, { type: 'param', data: 'id' }), NotFoundError);
      assert.throws(() => pipe.transform({ dataset_id: bad }, { type: 'param' }), NotFoundError);
    }
    assert.doesNotThrow(() => pipe.transform('8e1c5a3c-5b1d-4c2f-9d8e-1a2b3c4d5e6f', { type: 'param', data: 'document_id' }));
    refused(() => pipe.transform('a\u0000', { type: 'param', data: 'batch' }), 'batch');
  });
});
