/**
 * The phone's Signal sessions. Like Baileys 7 they live under LID addresses (`<lid>_1.<device>`),
 * whatever namespace a stanza used, so a PN-addressed and a LID-addressed message from the same
 * device share one session. Bundles come from the network; their signed prekey is verified
 * strictly here because libsignal's `initOutgoing` skips that check.
 */
import * as libsignal from 'libsignal';
import { verify, withTypePrefix } from '../crypto/curve.js';
import type { PhoneNetwork, PreKeyBundle } from './network.js';
import type { PhoneSignalStore } from './signal-store.js';

export type EncType = 'pkmsg' | 'msg';

/** The Signal address of device `device` of the account whose LID user is `lid`. */
export function lidAddress(lid: string, device: number): libsignal.ProtocolAddress {
  return new libsignal.ProtocolAddress(`${lid}_1`, device);
}

/** `<lid>[:d]@lid`, device 0 written bare as WhatsApp does. */
export function lidJid(lid: string, device: number): string {
  return device ? `${lid}:${device}@lid` : `${lid}@lid`;
}

export function pnJid(pn: string, device = 0): string {
  return device ? `${pn}:${device}@s.whatsapp.net` : `${pn}@s.whatsapp.net`;
}

export class SessionError extends Error {
  override name = 'SessionError';
}

export class PhoneSessions {
  constructor(
    private readonly store: PhoneSignalStore,
    private readonly network: PhoneNetwork,
  ) {}

  get registrationId(): number {
    return this.store.registrationId;
  }

  /** Make sure a session with `lid:device` exists, fetching (and consuming) a bundle if not. */
  async ensure(lid: string, device: number): Promise<void> {
    const address = lidAddress(lid, device);
    if (this.store.hasSession(address.toString())) return;
    const bundle = await this.network.fetchBundle(lidJid(lid, device));
    if (!bundle) throw new SessionError(`no prekey bundle for ${lidJid(lid, device)}`);
    await this.build(lid, device, bundle);
  }

  /** Start a new outgoing session from `bundle` (replacing any open one), after a strict signature check. */
  async build(lid: string, device: number, bundle: PreKeyBundle): Promise<void> {
    assertSignedPreKey(bundle, lidJid(lid, device));
    const builder = new libsignal.SessionBuilder(
      this.store.storage as libsignal.SignalStorage,
      lidAddress(lid, device),
    );
    await builder.initOutgoing({
      registrationId: bundle.registrationId,
      identityKey: Buffer.from(withTypePrefix(bundle.identityKey)),
      signedPreKey: {
        keyId: bundle.signedPreKey.keyId,
        publicKey: Buffer.from(withTypePrefix(bundle.signedPreKey.publicKey)),
        signature: Buffer.from(bundle.signedPreKey.signature),
      },
      // libsignal accepts a missing one-time prekey at runtime; its .d.ts marks it required.
      preKey: (bundle.preKey
        ? { keyId: bundle.preKey.keyId, publicKey: Buffer.from(withTypePrefix(bundle.preKey.publicKey)) }
        : undefined) as never,
    });
  }

  /** Forget a session (e.g. on a retry receipt) so the next send starts over with a fresh bundle. */
  drop(lid: string, device: number): void {
    this.store.deleteSession(lidAddress(lid, device).toString());
  }

  async encrypt(
    lid: string,
    device: number,
    plaintext: Uint8Array,
  ): Promise<{ type: EncType; ciphertext: Uint8Array }> {
    await this.ensure(lid, device);
    const cipher = new libsignal.SessionCipher(this.store.storage as libsignal.SignalStorage, lidAddress(lid, device));
    const { type, body } = await cipher.encrypt(Buffer.from(plaintext));
    return { type: type === 3 ? 'pkmsg' : 'msg', ciphertext: new Uint8Array(Buffer.from(body, 'binary')) };
  }

  async decrypt(lid: string, device: number, type: EncType, ciphertext: Uint8Array): Promise<Uint8Array> {
    const cipher = new libsignal.SessionCipher(this.store.storage as libsignal.SignalStorage, lidAddress(lid, device));
    const plain =
      type === 'pkmsg'
        ? await cipher.decryptPreKeyWhisperMessage(Buffer.from(ciphertext))
        : await cipher.decryptWhisperMessage(Buffer.from(ciphertext));
    return new Uint8Array(plain);
  }
}

function assertSignedPreKey(bundle: PreKeyBundle, who: string): void {
  const { publicKey, signature } = bundle.signedPreKey;
  // The signature covers the 0x05-prefixed key (Baileys `signedKeyPair`, libsignal).
  if (!verify(bundle.identityKey, withTypePrefix(publicKey), signature)) {
    throw new SessionError(`signed prekey of ${who} does not verify under its identity key`);
  }
}
