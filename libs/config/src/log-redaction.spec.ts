import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSecrets, createRedactor } from './log-redaction';

describe('log redaction', () => {
  const redact = createRedactor(['s3cr3t-signing-key-value', 'sk-configured-provider-key']);

  it('removes configured secret values wherever they appear', () => {
    const line = JSON.stringify({ msg: 'calling provider with s3cr3t-signing-key-value', err: 'auth sk-configured-provider-key failed' });
    const out = redact(line);
    assert.ok(!out.includes('s3cr3t-signing-key-value') && !out.includes('sk-configured-provider-key'), out);
    assert.doesNotThrow(() => JSON.parse(out), 'still one JSON line');
  });

  it('removes tokens and keys it was not told about', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const cases: [string, string][] = [
      [`Authorization: Bearer ${jwt}`, jwt],
      [`session ${jwt} expired`, jwt],
      ['key app-AbCdEfGhIjKlMnOpQrStUvWx rejected', 'AbCdEfGhIjKlMnOpQrStUvWx'],
      ['key dataset-AbCdEfGhIjKlMnOpQrStUvWx rejected', 'AbCdEfGhIjKlMnOpQrStUvWx'],
      ['Incorrect API key provided: sk-proj-abcdef123456', 'abcdef123456'],
      ['connect postgres://sluice:hunter2@db:5432/sluice failed', 'hunter2'],
      ['{"password":"correct-horse","email":"a@b.c"}', 'correct-horse'],
      ['{"api_key":"xyz-123-secret"}', 'xyz-123-secret'],
    ];
    for (const [line, secret] of cases) assert.ok(!redact(line).includes(secret), `${line} → ${redact(line)}`);
    assert.equal(redact('{"email":"a@b.c","route":"/v1/chat-messages"}'), '{"email":"a@b.c","route":"/v1/chat-messages"}', 'leaves the rest alone');
  });

  it('knows the secrets of a configuration', () => {
    const s = configSecrets({
      secretKey: 'k'.repeat(40),
      openai: { apiKey: 'sk-x' },
      qdrant: {},
      codeExecution: { apiKey: 'sandbox-key' },
      databaseUrl: 'postgres://u:db%40pass@h/d',
      redisUrl: 'redis://:redispass@h:6379',
    });
    assert.deepEqual(s, ['k'.repeat(40), 'sk-x', 'sandbox-key', 'db@pass', 'redispass']);
  });
});
