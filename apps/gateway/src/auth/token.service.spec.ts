import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppConfig } from '@sluice/config';
import { TokenService } from './token.service';

describe('TokenService', () => {
  const svc = new TokenService({ secretKey: 'unit-test-secret-key' } as AppConfig);

  it('issues JWTs that verify and carry account and workspace', () => {
    const { token } = svc.issue('acc', 'ten', 'access', 60);
    assert.equal(token.split('.').length, 3);
    const c = svc.verify(token, 'access');
    assert.deepEqual([c.sub, c.tid, c.typ], ['acc', 'ten', 'access']);
  });
  it('rejects expired, tampered, wrong-type and foreign tokens', () => {
    assert.throws(() => svc.verify(svc.issue('a', 't', 'access', -1).token, 'access'), /expired/);
    const t = svc.issue('a', 't', 'access', 60).token;
    const [h, , s] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin', tid: 't', typ: 'access', exp: 9e9 })).toString('base64url')}.${s}`;
    assert.throws(() => svc.verify(forged, 'access'), /Invalid token/);
    assert.throws(() => svc.verify(svc.issue('a', 't', 'refresh', 60).token, 'access'), /Invalid token/);
    const other = new TokenService({ secretKey: 'another-secret-key!!' } as AppConfig);
    assert.throws(() => other.verify(t, 'access'), /Invalid token/);
  });
});
