import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corsGrant } from './cors-policy';

describe('corsGrant', () => {
  const s = { consoleOrigins: ['https://console.example.com'], webOrigins: ['*'] };

  it('lets any origin read the Service API, never with credentials', () => {
    assert.deepEqual(corsGrant('/v1/chat-messages', 'https://evil.example', s), { allowOrigin: '*', credentials: false });
  });
  it('trusts only the listed console origins, with credentials', () => {
    assert.equal(corsGrant('/console/api/apps', 'https://evil.example', s), null);
    assert.deepEqual(corsGrant('/console/api/apps', 'https://console.example.com', s), { allowOrigin: 'https://console.example.com', credentials: true });
    assert.deepEqual(
      corsGrant('/console/api/apps', 'https://CONSOLE.example.com:443', s),
      { allowOrigin: 'https://console.example.com', credentials: true },
      'origins compare normalised',
    );
    assert.equal(corsGrant('/console/api/apps', 'https://console.example.com.evil.example', s), null);
    assert.equal(corsGrant('/console/api/apps', 'http://console.example.com', s), null, 'the scheme is part of the origin');
    assert.equal(corsGrant('/console/api/apps', 'null', s), null);
    assert.equal(corsGrant('/console/api/apps', 'https://x', { ...s, consoleOrigins: [] }), null, 'empty list: same origin only');
  });
  it('serves the Web API to any origin without credentials, or to listed origins with them', () => {
    assert.deepEqual(corsGrant('/api/chat-messages', 'https://evil.example', s), { allowOrigin: '*', credentials: false });
    const listed = { ...s, webOrigins: ['https://chat.example.com'] };
    assert.deepEqual(corsGrant('/api/passport', 'https://chat.example.com', listed), { allowOrigin: 'https://chat.example.com', credentials: true });
    assert.equal(corsGrant('/api/passport', 'https://evil.example', listed), null);
  });
  it('gives nothing to other paths', () => {
    assert.equal(corsGrant('/metrics', 'https://evil.example', s), null);
    assert.equal(corsGrant('/apiary', 'https://evil.example', s), null);
    assert.equal(corsGrant('/v10/x', 'https://evil.example', s), null);
  });
});
