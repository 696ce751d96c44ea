import assert from 'node:assert/strict';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SafeHttpClient } from './safe-http-client';
import { SsrfBlockedError } from './ssrf-blocked.error';

describe('SafeHttpClient (SSRF guard)', () => {
  let target: Server;
  let redirector: Server;
  let tPort = 0;
  let rPort = 0;
  let hits = 0;

  before(async () => {
    target = createServer((_req, res) => {
      hits++;
      res.end('secret internal data');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    tPort = (target.address() as AddressInfo).port;
    redirector = createServer((req, res) => {
      if (req.url === '/stream') {
        // No Content-Length: the size is only known by counting what arrives.
        res.write('x'.repeat(600));
        res.end('x'.repeat(600));
        return;
      }
      if (req.url === '/big') {
        res.end('x'.repeat(5000));
        return;
      }
      res.writeHead(302, { location: `http://localhost:${tPort}/` }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    rPort = (redirector.address() as AddressInfo).port;
  });
  after(() => {
    target.close();
    redirector.close();
  });

  const guarded = new SafeHttpClient({ ssrfAllowPrivate: false });

  it('refuses loopback, private, link-local and metadata addresses in every spelling, before connecting', async () => {
    const urls = [
      `http://127.0.0.1:${tPort}/`,
      `http://localhost:${tPort}/`,
      `http://[::1]:${tPort}/`,
      `http://0x7f000001:${tPort}/`,
      `http://2130706433:${tPort}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://metadata.google.internal/',
      'http://0.0.0.0/',
      `http://0x7f.1:${tPort}/`,
      `http://017700000001:${tPort}/`,
      `http://127.1:${tPort}/`,
      `http://[::ffff:0:7f00:1]:${tPort}/`,
      `http://[64:ff9b::7f00:1]:${tPort}/`,
      `http://[::7f00:1]:${tPort}/`,
      `http://[2002:7f00:1::]:${tPort}/`,
      'http://[fec0::1]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
    ];
    for (const url of urls) {
      await assert.rejects(guarded.request({ method: 'GET', url }), (e) => e instanceof SsrfBlockedError, url);
    }
    assert.equal(hits, 0, 'nothing reached the internal server');
    await assert.rejects(guarded.request({ method: 'GET', url: 'file:///etc/passwd' }), /only http and https/);
  });

  it('checks every redirect hop', async () => {
    const firstHopAllowed = new SafeHttpClient({ ssrfAllowPrivate: false, ssrfAllowedHosts: [`127.0.0.1:${rPort}`] });
    await assert.rejects(
      firstHopAllowed.request({ method: 'GET', url: `http://127.0.0.1:${rPort}/` }),
      (e: Error) => e instanceof SsrfBlockedError && /localhost/.test(e.message),
    );
    assert.equal(hits, 0);
  });

  it('reaches private hosts only when configured to, and caps response size', async () => {
    const open = new SafeHttpClient({ ssrfAllowPrivate: true });
    const res = await open.request({ method: 'GET', url: `http://127.0.0.1:${rPort}/` });
    assert.deepEqual([res.status_code, res.body], [200, 'secret internal data'], 'redirect followed');
    await assert.rejects(open.request({ method: 'GET', url: `http://127.0.0.1:${rPort}/big`, maxResponseBytes: 1000 }), /larger than 1000 bytes/);
    await assert.rejects(open.request({ method: 'GET', url: `http://127.0.0.1:${rPort}/stream`, maxResponseBytes: 1000 }), /larger than 1000 bytes/);
  });
});
