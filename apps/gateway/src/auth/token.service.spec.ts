import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { AppConfig } from '@sluice/config';
import { TokenService } from './token.service';

const SECRET = 'unit-test-secret-key';
const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** A token signed with the real secret but with claims of our choosing: what a bug or a leaked signer could mint. */
function signed(claims: object, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const head = `${b64(header)}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}

describe('TokenService', () => {
  const svc = new TokenService({ secretKey: SECRET } as AppConfig);
  const now = Math.floor(Date.now() / 1000);
  const good = { sub: 'acc', tid: 'ten', typ: 'access', jti: 'j', sid: 's', iat: now, exp: now + 60 };

  it('issues JWTs that verify and carry account, workspace and session', () => {
    const { token } = svc.issue('acc', 'ten', 'access', 60, { sid: 'sess' });
    assert.equal(token.split('.').length, 3);
    const c = svc.verify(token, 'access');
    assert.deepEqual([c.sub, c.tid, c.typ, c.sid], ['acc', 'ten', 'access', 'sess']);
    assert.ok(Number.isInteger(c.iat) && c.exp === c.iat + 60);
    assert.equal(svc.verify(signed(good), 'access').sub, 'acc');
  });

  it('rejects expired, tampered, wrong-type and foreign tokens', () => {
    assert.throws(() => svc.verify(signed({ ...good, iat: now - 120, exp: now - 60 }), 'access'), /expired/);
    const t = svc.issue('a', 't', 'access', 60, { sid: 's' }).token;
    const [h, , s] = t.split('.');
    const forged = `${h}.${b64({ ...good, sub: 'admin', exp: 9e9 })}.${s}`;
    assert.throws(() => svc.verify(forged, 'access'), /Invalid token/);
    assert.throws(() => svc.verify(svc.issue('a', 't', 'refresh', 60, { sid: 's' }).token, 'access'), /Invalid token/);
    const other = new TokenService({ secretKey: 'another-secret-key!!' } as AppConfig);
    assert.throws(() => other.verify(t, 'access'), /Invalid token/);
  });

  it('rejects a validly signed token without exp, iat, type or session, or with nonsense in them', () => {
    const { exp: _e, ...noExp } = good;
    const { iat: _i, ...noIat } = good;
    const { typ: _t, ...noTyp } = good;
    const { sid: _s, ...noSid } = good;
    for (const [why, claims] of Object.entries({
      noExp,
      noIat,
      noTyp,
      noSid,
      expAsString: { ...good, exp: String(now + 60) },
      expFractional: { ...good, exp: now + 60.5 },
      iatInFuture: { ...good, iat: now + 3600, exp: now + 7200 },
      expBeforeIat: { ...good, iat: now, exp: now - 1 },
      noSubject: { ...good, sub: '' },
      noWorkspace: { ...good, tid: undefined },
    })) {
      assert.throws(() => svc.verify(signed(claims), 'access'), /Invalid token|expired/, why);
    }
    assert.throws(() => svc.verify(signed(good, { alg: 'none' }), 'access'), /Invalid token/, 'alg must be HS256');
    const passport = { sub: 'visitor', tid: 'ten', typ: 'passport', jti: 'j', iat: now, exp: now + 60, app: 'a', code: 'c' };
    assert.equal(svc.verify(signed(passport), 'passport').app, 'a', 'passports have no session');
    const { exp: _pe, ...passportNoExp } = passport;
    assert.throws(() => svc.verify(signed(passportNoExp), 'passport'), /Invalid token/);
  });
});
