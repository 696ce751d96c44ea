import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { estimateSecretBits, secretKeyProblem } from './secret-key-check';

describe('SECRET_KEY strength', () => {
  it('accepts 32 random bytes however they are written', () => {
    assert.equal(secretKeyProblem(randomBytes(32).toString('hex')), undefined, 'openssl rand -hex 32');
    assert.equal(secretKeyProblem(randomBytes(32).toString('base64')), undefined, 'openssl rand -base64 32');
    assert.equal(secretKeyProblem(randomBytes(32).toString('base64url')), undefined, 'the key npm start generates');
  });

  it('refuses placeholders, whatever their length', () => {
    for (const k of [
      'CHANGE_ME-generate-with-openssl-rand-hex-32',
      'changeme' + randomBytes(32).toString('hex'),
      'your-secret-key-here-0123456789abcdefghijklmnop',
      'placeholder',
    ]) {
      assert.match(secretKeyProblem(k)!, /placeholder/, k);
    }
  });

  it('refuses keys under 256 bits of entropy, repetition included', () => {
    assert.match(secretKeyProblem(randomBytes(16).toString('hex'))!, /too weak \(about 128 bits/, 'openssl rand -hex 16');
    assert.match(secretKeyProblem('a'.repeat(200))!, /too weak/);
    assert.match(secretKeyProblem('ab'.repeat(100))!, /too weak/);
    assert.match(secretKeyProblem('short-but-16-chars')!, /too weak/);
    assert.ok(estimateSecretBits(randomBytes(32).toString('hex')) >= 256);
  });
});
