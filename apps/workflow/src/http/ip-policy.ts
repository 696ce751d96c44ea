import { isIP } from 'node:net';

const V4_BLOCKED: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified address'], ['10.0.0.0', 8, 'private address'], ['100.64.0.0', 10, 'carrier-grade NAT address'],
  ['127.0.0.0', 8, 'loopback address'], ['169.254.0.0', 16, 'link-local / cloud metadata address'], ['172.16.0.0', 12, 'private address'],
  ['192.0.0.0', 24, 'IETF protocol address'], ['192.168.0.0', 16, 'private address'], ['198.18.0.0', 15, 'benchmarking address'],
  ['224.0.0.0', 4, 'multicast address'], ['240.0.0.0', 4, 'reserved address'],
];

const v4ToInt = (ip: string) => ip.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;

/** Why an address may not be contacted, or null when it is a public address. */
export function blockedReason(ip: string): string | null {
  if (isIP(ip) === 4) {
    const n = v4ToInt(ip);
    for (const [base, bits, why] of V4_BLOCKED) {
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      if ((n & mask) === (v4ToInt(base) & mask)) return why;
    }
    return null;
  }
  if (isIP(ip) === 6) {
    const a = ip.toLowerCase();
    const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return blockedReason(mapped[1]);
    // The WHATWG URL parser writes mapped IPv4 in hex (::ffff:7f00:1).
    const hex = a.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
      return blockedReason(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    if (a === '::' || a === '::1') return a === '::' ? 'unspecified address' : 'loopback address';
    if (/^f[cd]/.test(a)) return 'private address';
    if (/^fe[89ab]/.test(a)) return 'link-local address';
    if (/^ff/.test(a)) return 'multicast address';
    return null;
  }
  return 'not an IP address';
}
