import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  it('round-trips and never contains the plain text', () => {
    const box = new SecretBox('a-secret-key-of-some-length');
    const sealed = box.seal('sk-very-secret');
    assert.ok(!sealed.includes('sk-very-secret'));
    assert.equal(box.open(sealed), 'sk-very-secret');
    assert.notEqual(box.seal('x'), box.seal('x'), 'random IV per seal');
  });
  it('refuses tampered data and other keys', () => {
    const sealed = new SecretBox('key-one-0123456789').seal('data');
    assert.throws(() => new SecretBox('key-two-0123456789').open(sealed));
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    assert.throws(() => new SecretBox('key-one-0123456789').open(parts.join('.')));
  });
});
