// Outbound-address safety (SSRF guard), shared by webhook delivery and media-URL fetching.
// A URL is refused when its host is, or resolves to, a private, loopback, link-local, multicast or
// otherwise non-public address, unless the operator allows private URLs
// (WAGATE_ALLOW_PRIVATE_URLS=1). The check runs twice: when a URL is accepted (clear 4xx for the
// user) and again at connect time through `guardedLookup`, because DNS can change in between
// (DNS rebinding).
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';

const blocked = new BlockList();
// IPv4: "this network", private, CGNAT, loopback, link-local, IETF/test/benchmark, multicast, reserved.
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
// IPv6: unspecified, loopback, unique-local, link-local, site-local (deprecated), multicast, documentation.
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address embedded in an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/.exec(lower);
  if (!m || !m[1]) return null;
  const tail = m[1];
  if (isIP(tail) === 4) return tail;
  // Hex form, e.g. ::ffff:7f00:1
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex || !hex[1] || !hex[2]) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True when an IP literal is not a public unicast address. Non-IP input counts as private. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(bare, 'ipv6');
  }
  return true;
}

/** How an operator allows private URLs: every refusal ends with it, so the fix is in the error. */
export const ALLOW_PRIVATE_HINT = 'the server refuses private and local addresses unless started with WAGATE_ALLOW_PRIVATE_URLS=1';

export class PrivateAddressError extends Error {
  readonly code = 'PRIVATE_ADDRESS';
  constructor(readonly host: string, readonly address: string) {
    super(`${host} resolves to a private or local address (${address}); ${ALLOW_PRIVATE_HINT}`);
  }
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: 'invalid' | 'scheme' | 'private' | 'unresolvable'; message: string };

/**
 * Checks a URL given by a user: http(s) only, and (unless allowPrivate) a host that is public,
 * both as a literal and after resolving its name.
 */
export async function checkOutboundUrl(raw: string, allowPrivate: boolean): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid', message: 'not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'scheme', message: 'only http and https URLs are allowed' };
  }
  if (allowPrivate) return { ok: true, url };
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host)) {
    return isPrivateAddress(host)
      ? { ok: false, reason: 'private', message: `${host} is a private or local address; ${ALLOW_PRIVATE_HINT}` }
      : { ok: true, url };
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return { ok: false, reason: 'private', message: `${host} is a local address; ${ALLOW_PRIVATE_HINT}` };
  }
  try {
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
      dnsLookup(host, { all: true }, (err, list) => (err ? reject(err) : resolve(list))),
    );
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return { ok: false, reason: 'private', message: `${host} resolves to a private or local address (${bad.address}); ${ALLOW_PRIVATE_HINT}` };
    return { ok: true, url };
  } catch {
    return { ok: false, reason: 'unresolvable', message: `${host} does not resolve` };
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A drop-in for `dns.lookup` to pass as `lookup` in socket options (net/tls, undici `connect`):
 * it resolves as usual and fails the connection when any resolved address is private.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, list) => {
    if (err) return callback(err, options.all ? [] : '', undefined);
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) {
      const e = new PrivateAddressError(hostname, bad.address) as unknown as NodeJS.ErrnoException;
      return callback(e, options.all ? [] : '', undefined);
    }
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', undefined);
    callback(null, first.address, first.family);
  });
}
