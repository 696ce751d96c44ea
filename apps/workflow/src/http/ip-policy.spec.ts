import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockedReason } from './ip-policy';

describe('blockedReason (SSRF address classification)', () => {
  const blocked = (ip: string, why: RegExp) => {
    const r = blockedReason(ip);
    assert.ok(r, `${ip} must be blocked`);
    assert.match(r!, why, `${ip}: ${r}`);
  };

  it('allows public unicast addresses', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e', '[2001:4860:4860::8888]'])
      assert.equal(blockedReason(ip), null, ip);
  });
  it('blocks loopback in every IPv4 spelling: dotted, short, decimal, octal, hex', () => {
    for (const ip of ['127.0.0.1', '127.1', '2130706433', '017700000001', '0177.0.0.1', '0x7f.1', '0x7f000001', '0x7f.0.0.1', '127.255.255.254'])
      blocked(ip, /loopback/);
  });
  it('blocks private, shared, link-local, reserved and special IPv4 ranges', () => {
    blocked('10.1.2.3', /private/);
    blocked('172.16.0.1', /private/);
    blocked('172.31.255.255', /private/);
    blocked('192.168.1.1', /private/);
    blocked('0xa.1', /private/);
    blocked('100.64.0.1', /carrier-grade NAT/);
    blocked('169.254.169.254', /link-local/);
    blocked('0.0.0.0', /unspecified/);
    blocked('0', /unspecified/);
    blocked('255.255.255.255', /broadcast/);
    blocked('224.0.0.1', /multicast/);
    blocked('240.0.0.1', /reserved/);
    blocked('192.0.0.8', /reserved/);
    blocked('198.18.0.1', /reserved/);
    blocked('192.0.2.1', /reserved/);
    assert.equal(blockedReason('172.32.0.1'), null, 'just outside 172.16/12');
  });
  it('blocks the IPv6 special ranges', () => {
    blocked('::1', /loopback/);
    blocked('::', /unspecified/);
    blocked('fe80::1', /link-local/);
    blocked('fe80::1%eth0', /link-local/);
    blocked('fc00::1', /unique-local/);
    blocked('fd12:3456:789a::1', /unique-local/);
    blocked('fec0::1', /site-local/);
    blocked('ff02::1', /multicast/);
    blocked('2001:db8::1', /reserved/);
    blocked('100::1', /discard/);
  });
  it('blocks every IPv6 form that embeds an IPv4 address, naming what it embeds', () => {
    blocked('::ffff:127.0.0.1', /IPv4-mapped.*127\.0\.0\.1.*loopback/);
    blocked('::ffff:7f00:1', /IPv4-mapped.*loopback/);
    blocked('::ffff:10.0.0.1', /IPv4-mapped.*private/);
    blocked('::ffff:8.8.8.8', /IPv4-mapped/);
    blocked('::ffff:0:127.0.0.1', /IPv4-translated.*loopback/);
    blocked('::ffff:0:7f00:1', /IPv4-translated.*loopback/);
    blocked('::127.0.0.1', /loopback/);
    blocked('::7f00:1', /IPv4-compatible/);
    blocked('::a9fe:a9fe', /IPv4-compatible/);
    blocked('64:ff9b::127.0.0.1', /NAT64.*loopback/);
    blocked('64:ff9b::a9fe:a9fe', /NAT64.*169\.254\.169\.254/);
    blocked('64:ff9b:1::a00:1', /NAT64/);
    blocked('2002:7f00:1::', /6to4.*127\.0\.0\.1.*loopback/);
    blocked('2002:c0a8:101::1', /6to4.*192\.168\.1\.1/);
    blocked('2001:0:4136:e378:8000:63bf:80ff:fffe', /Teredo.*127\.0\.0\.1/);
    blocked('2001::1', /Teredo/);
  });
  it('refuses what is not an address', () => {
    for (const s of ['localhost', '1.2.3.4.5', '', '::g', '0x100000000']) blocked(s, /not an IP address/);
  });
});
