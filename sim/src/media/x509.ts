/**
 * Just enough DER and X.509 to issue the media host's TLS certificates with node:crypto alone: a
 * self-signed CA and a server certificate for 127.0.0.1/localhost signed by it (ECDSA P-256,
 * SHA-256). No dependency: the simulator needs two fixed shapes, not a PKI library.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

// ---- DER ------------------------------------------------------------------------------------

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 + n, inner);

/** A positive INTEGER from big-endian bytes (a leading 0 keeps it positive). */
function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
  return tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** BIT STRING with no unused bits. */
const bits = (b: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime for years < 2050, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

// ---- X.509 ----------------------------------------------------------------------------------

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const CN = '2.5.4.3';
const O = '2.5.4.10';

const name = (cn: string): Buffer => seq(set(seq(oid(O), utf8('wagate simulator'))), set(seq(oid(CN), utf8(cn))));

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

/** subjectAltName entries: `iPAddress [7]` for literal IPs, `dNSName [2]` otherwise. */
function altNames(hosts: string[]): Buffer {
  return seq(
    ...hosts.map((h) => {
      const family = isIP(h);
      if (family === 4) return tlv(0x87, Buffer.from(h.split('.').map(Number)));
      if (family === 6) return tlv(0x87, ipv6Bytes(h));
      return tlv(0x82, Buffer.from(h, 'ascii'));
    }),
  );
}

function ipv6Bytes(ip: string): Buffer {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.concat(groups.map((g) => Buffer.from([parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
}

export interface Issued {
  certPem: string;
  keyPem: string;
}

interface CertSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signer: KeyObject;
  ca: boolean;
  hosts?: string[];
  days: number;
}

function certificate(spec: CertSpec): string {
  const now = Date.now();
  const spki = spec.publicKey.export({ type: 'spki', format: 'der' });
  const extensions = spec.ca
    ? [
        extension('2.5.29.19', true, seq(bool(true))),
        // keyCertSign | cRLSign
        extension('2.5.29.15', true, tlv(0x03, Buffer.from([1, 0x06]))),
      ]
    : [
        extension('2.5.29.19', true, seq()),
        // digitalSignature
        extension('2.5.29.15', true, tlv(0x03, Buffer.from([7, 0x80]))),
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.17', false, altNames(spec.hosts ?? [])),
      ];
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    ECDSA_SHA256,
    name(spec.issuer),
    // Backdated an hour so a clock a little behind still accepts it.
    seq(time(new Date(now - 3_600_000)), time(new Date(now + spec.days * 86_400_000))),
    name(spec.subject),
    Buffer.from(spki),
    explicit(3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, spec.signer);
  const der = seq(tbs, ECDSA_SHA256, bits(signature));
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
}

const newKey = (): KeyObject => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const pem = (k: KeyObject): string => k.export({ type: 'pkcs8', format: 'pem' }).toString();

/** A self-signed CA for the media host (ten years: test data dirs outlive a session). */
export function issueCa(commonName = 'wagate simulator media CA'): Issued {
  const key = newKey();
  return {
    certPem: certificate({
      subject: commonName,
      issuer: commonName,
      publicKey: createPublicKey(key),
      signer: key,
      ca: true,
      days: 3650,
    }),
    keyPem: pem(key),
  };
}

/** A server certificate for `hosts` (IPs or names) signed by the CA. */
export function issueServer(ca: Issued, hosts: string[], caName = 'wagate simulator media CA'): Issued {
  const key = newKey();
  return {
    certPem: certificate({
      subject: hosts[0] ?? 'localhost',
      issuer: caName,
      publicKey: createPublicKey(key),
      signer: createPrivateKey(ca.keyPem),
      ca: false,
      hosts,
      days: 825,
    }),
    keyPem: pem(key),
  };
}
