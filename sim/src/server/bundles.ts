import { node as mk, S_WHATSAPP_NET } from '../binary/index.js';
import type { PreKeyBundle } from '../phone/network.js';
import type { AccountRecord, BundleRecord } from '../state/types.js';
import type { Simulator } from './simulator.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/** Below this stock the owner is told to upload more (`notification type=encrypt`). */
export const PREKEY_LOW = 5;

export function bundleToRecord(b: {
  registrationId: number;
  identityKey: Uint8Array;
  signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  preKeys?: { keyId: number; publicKey: Uint8Array }[];
}): BundleRecord {
  const preKeys: Record<string, string> = {};
  for (const k of b.preKeys ?? []) preKeys[k.keyId] = b64(k.publicKey);
  return {
    registrationId: b.registrationId,
    identityKey: b64(b.identityKey),
    signedPreKey: {
      keyId: b.signedPreKey.keyId,
      publicKey: b64(b.signedPreKey.publicKey),
      signature: b64(b.signedPreKey.signature),
    },
    preKeys,
  };
}

export function bundleOf(a: AccountRecord, device: number): BundleRecord | undefined {
  return device === 0 ? a.phoneBundle : a.companions.find((c) => c.id === device)?.bundle;
}

/**
 * A device's bundle for a session starter, consuming its lowest one-time prekey (design §7.2).
 * When the stock falls below PREKEY_LOW the owner is asked for more: a companion by notification,
 * the phone by generating them itself.
 */
export function takeBundle(sim: Simulator, a: AccountRecord, device: number): PreKeyBundle | undefined {
  const rec = bundleOf(a, device);
  if (!rec) return undefined;
  const ids = Object.keys(rec.preKeys)
    .map(Number)
    .sort((x, y) => x - y);
  const out: PreKeyBundle = {
    registrationId: rec.registrationId,
    identityKey: bytes(rec.identityKey),
    signedPreKey: {
      keyId: rec.signedPreKey.keyId,
      publicKey: bytes(rec.signedPreKey.publicKey),
      signature: bytes(rec.signedPreKey.signature),
    },
  };
  const first = ids[0];
  if (first !== undefined) {
    out.preKey = { keyId: first, publicKey: bytes(rec.preKeys[first]!) };
    delete rec.preKeys[first];
    sim.store.changed();
    if (ids.length - 1 < PREKEY_LOW) refill(sim, a, device, ids.length - 1);
  }
  return out;
}

function refill(sim: Simulator, a: AccountRecord, device: number, left: number): void {
  if (device === 0) {
    const phone = sim.accounts.phone(a.pn);
    const rec = a.phoneBundle;
    if (!phone || !rec) return;
    for (const k of phone.generatePreKeys(50)) rec.preKeys[k.keyId] = b64(k.publicKey);
    sim.store.changed();
    return;
  }
  sim.deliver(
    a.pn,
    device,
    mk(
      'notification',
      { from: S_WHATSAPP_NET, type: 'encrypt', id: sim.nextId(), t: String(Math.floor(Date.now() / 1000)) },
      [mk('count', { value: String(left) })],
    ),
  );
}
