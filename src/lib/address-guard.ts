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
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
// IPv6: unspecified, loopback, unique-local, link-local, site-local (deprecated), multicast, documentation.
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 literal (any spelling: `::`, a trailing dotted quad), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad?.[1]) {
    const b = quad[1].split('.').map(Number);
    text = `${text.slice(0, -quad[1].length)}${(((b[0] ?? 0) << 8) | (b[1] ?? 0)).toString(16)}:${(((b[2] ?? 0) << 8) | (b[3] ?? 0)).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(0, zeros)).fill('0'), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const v4Of = (g: number[]): string =>
  `${(g[6] ?? 0) >> 8}.${(g[6] ?? 0) & 255}.${(g[7] ?? 0) >> 8}.${(g[7] ?? 0) & 255}`;

/**
 * IPv6 forms that carry an IPv4 address, or that a host can use to reach one through a relay, are
 * judged by that IPv4 address (IPv4-mapped, NAT64 well-known prefix) or refused outright when the
 * relay could lead anywhere (IPv4-compatible ::/96, SIIT ::ffff:0:0/96, 6to4, Teredo, local NAT64,
 * discard-only). null: none of these; the plain IPv6 block list decides.
 */
function embeddedVerdict(g: number[]): boolean | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = g;
  const zero80 = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (zero80 && f === 0xffff) return blocked.check(v4Of(g), 'ipv4'); // ::ffff:a.b.c.d
  if (zero80 && f === 0) return true; // ::a.b.c.d (IPv4-compatible), :: and ::1
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0xffff && f === 0) return true; // ::ffff:0:a.b.c.d (SIIT)
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return blocked.check(v4Of(g), 'ipv4'); // 64:ff9b::/96
  if (a === 0x64 && b === 0xff9b && c === 1) return true; // 64:ff9b:1::/48, local-use NAT64
  if (a === 0x2002) return true; // 6to4
  if (a === 0x2001 && b === 0) return true; // Teredo
  if (a === 0x100 && b === 0 && c === 0 && d === 0) return true; // 100::/64 discard-only
  return null;
}

/** True when an IP literal is not a public unicast address. Non-IP input counts as private. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const groups = ipv6Groups(bare.split('%')[0] ?? bare);
    if (!groups) return true;
    return embeddedVerdict(groups) ?? blocked.check(bare, 'ipv6');
  }
  return true;
}

/** How an operator allows private URLs: every refusal ends with it, so the fix is in the error. */
export const ALLOW_PRIVATE_HINT =
  'the server refuses private and local addresses unless started with WAGATE_ALLOW_PRIVATE_URLS=1';

export class PrivateAddressError extends Error {
  readonly code = 'PRIVATE_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    // The address stays out of the message: it would tell a caller what an internal name resolves to.
    super(`${host} resolves to a private or local address; ${ALLOW_PRIVATE_HINT}`);
  }
}

export type UrlCheck =
  | { ok: true; url: URL }
  | { ok: false; reason: 'invalid' | 'scheme' | 'private' | 'unresolvable'; message: string };

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
  // `localhost.` (fully qualified) is the same name; resolvers differ on whether it resolves.
  const name = host.toLowerCase().replace(/\.+$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return { ok: false, reason: 'private', message: `${host} is a local address; ${ALLOW_PRIVATE_HINT}` };
  }
  try {
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
      dnsLookup(host, { all: true }, (err, list) => (err ? reject(err) : resolve(list))),
    );
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    // Which address it resolved to is not said: that would map the server's internal network.
    if (bad)
      return {
        ok: false,
        reason: 'private',
        message: `${host} resolves to a private or local address; ${ALLOW_PRIVATE_HINT}`,
      };
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
    if (!first)
      return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', undefined);
    callback(null, first.address, first.family);
  });
}
