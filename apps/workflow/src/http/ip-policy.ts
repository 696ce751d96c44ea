import ipaddr from 'ipaddr.js';

/** ipaddr.js range names (IPv4 and IPv6) → why an address in them may not be contacted. */
const RANGE_REASONS: Record<string, string> = {
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local / cloud metadata address',
  loopback: 'loopback address',
  carrierGradeNat: 'carrier-grade NAT address',
  private: 'private address',
  reserved: 'reserved address',
  as112: 'reserved address',
  amt: 'reserved address',
  uniqueLocal: 'unique-local (private) address',
  deprecatedSiteLocal: 'site-local (private) address',
  discard: 'discard-only address',
  benchmarking: 'benchmarking address',
  // Forms that carry an IPv4 address inside IPv6: whatever they embed, they are a way around the IPv4 checks.
  ipv4Mapped: 'IPv4-mapped address',
  rfc6145: 'IPv4-translated address',
  rfc6052: 'NAT64 address',
  '6to4': '6to4 address',
  teredo: 'Teredo address',
};

/** The IPv4 address an IPv6 address carries (mapped, translated, NAT64, 6to4, Teredo), for the message. */
function embeddedIPv4(a: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const p = a.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return v4(p[6], p[7]);
  if (range === '6to4') return v4(p[1], p[2]);
  // Teredo stores the client's address inverted in the last 32 bits.
  if (range === 'teredo') return v4(p[6] ^ 0xffff, p[7] ^ 0xffff);
  return null;
}

/**
 * Why an address may not be contacted, or null when it is a public unicast address. Any textual
 * form is classified as what it means: decimal, octal and hex IPv4 (`2130706433`, `017700000001`,
 * `0x7f.1`), and every IPv6 form that embeds IPv4 (mapped, translated, compatible, NAT64, 6to4, Teredo).
 */
export function blockedReason(ip: string): string | null {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip.replace(/^\[|\]$/g, ''));
  } catch {
    return 'not an IP address';
  }
  const range = addr.range();
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    const inner = embeddedIPv4(v6, range);
    if (inner) {
      const innerReason = blockedReason(inner.toString());
      return `${RANGE_REASONS[range]} (embeds ${inner.toString()}${innerReason ? `, ${innerReason}` : ''})`;
    }
    // ::/96 beyond :: and ::1: deprecated IPv4-compatible addresses (::a.b.c.d).
    if (range === 'unicast' && v6.parts.slice(0, 6).every((x) => x === 0)) return 'IPv4-compatible address';
  }
  if (range === 'unicast') return null;
  return RANGE_REASONS[range] ?? `${range} address`;
}
