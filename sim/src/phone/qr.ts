/**
 * The QR string a companion shows (Baileys `buildPairingQRData`):
 * `https://wa.me/settings/linked_devices#<ref>,<b64 noise pub>,<b64 identity pub>,<b64 advSecret>,<platform id>`.
 * Older clients show the bare comma list without the URL; both parse.
 */
export interface QrData {
  ref: string;
  /** The companion's Noise static public key (32 bytes). */
  noiseKey: Uint8Array;
  /** The companion's Signal identity public key (32 bytes). */
  identityKey: Uint8Array;
  advSecret: Uint8Array;
  platform: string;
}

export class QrError extends Error {
  override name = 'QrError';
}

export function parseQr(qr: string): QrData {
  const hash = qr.indexOf('#');
  const body = hash >= 0 ? qr.slice(hash + 1) : qr;
  const parts = body.split(',');
  if (parts.length < 4) throw new QrError('QR: expected ref,noiseKey,identityKey,advSecret[,platform]');
  const [ref, noise, identity, adv, platform] = parts as [string, string, string, string, string | undefined];
  const noiseKey = key32(noise, 'noise key');
  const identityKey = key32(identity, 'identity key');
  const advSecret = new Uint8Array(Buffer.from(adv, 'base64'));
  if (!ref || advSecret.length !== 32) throw new QrError('QR: empty ref or advSecret not 32 bytes');
  return { ref, noiseKey, identityKey, advSecret, platform: platform ?? '' };
}

function key32(b64: string, what: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
  if (bytes.length !== 32) throw new QrError(`QR: ${what} is ${bytes.length} bytes, expected 32`);
  return bytes;
}
