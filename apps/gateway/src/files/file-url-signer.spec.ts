import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppConfig } from '@sluice/config';
import { FileUrlSigner } from './file-url-signer';

describe('FileUrlSigner', () => {
  const signer = new FileUrlSigner({ secretKey: 'k'.repeat(32) } as AppConfig);
  const query = (url: string) => Object.fromEntries(new URL(url).searchParams) as Record<string, string>;

  it('accepts its own URL for five minutes, for that file only', () => {
    const now = Date.UTC(2026, 0, 1);
    const url = signer.sign('http://h', 'f1', true, now);
    assert.match(url, /^http:\/\/h\/files\/f1\/file-preview\?timestamp=\d+&nonce=[0-9a-f]{32}&sign=[\w-]+&as_attachment=true$/);
    signer.verify('f1', query(url), now + 299_000);
    assert.throws(() => signer.verify('f1', query(url), now + 301_000), /Invalid request/);
    assert.throws(() => signer.verify('f2', query(url), now), /Invalid request/);
    assert.throws(() => signer.verify('f1', { ...query(url), sign: 'x' }, now), /Invalid request/);
  });
});
