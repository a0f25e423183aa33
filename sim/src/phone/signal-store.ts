/**
 * The phone's libsignal storage: its identity, registration id, signed prekey, one-time prekeys,
 * sessions and the identities it has seen. In memory, serializable to plain JSON (base64 keys) for
 * the simulator's state store. Public keys are kept in libsignal's 33-byte `05 ‖ pub` form
 * internally; anything handed out for bundles is raw 32 bytes.
 */
import * as libsignal from 'libsignal';
import { generateKeyPair, sign, withTypePrefix, type KeyPair } from '../crypto/curve.js';

interface LibsignalKeyPair {
  pubKey: Buffer;
  privKey: Buffer;
}

/** libsignal's storage as it really calls it (its .d.ts omits the signed prekey id). */
export type PhoneStorage = Omit<libsignal.SignalStorage, 'loadSignedPreKey'> & {
  loadSignedPreKey(id?: number): LibsignalKeyPair | undefined;
  saveIdentity(id: string, key: Uint8Array): boolean;
};

export interface SignedPreKey {
  keyId: number;
  keyPair: KeyPair;
  signature: Uint8Array;
}

export interface SignalStoreJSON {
  registrationId: number;
  identity: { public: string; private: string };
  signedPreKey: { keyId: number; public: string; private: string; signature: string };
  preKeys: Record<string, { public: string; private: string }>;
  nextPreKeyId: number;
  sessions: Record<string, unknown>;
  identities: Record<string, string>;
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const toLibsignal = (kp: KeyPair): LibsignalKeyPair => ({
  pubKey: Buffer.from(withTypePrefix(kp.public)),
  privKey: Buffer.from(kp.private),
});

export class PhoneSignalStore {
  private readonly preKeys = new Map<number, KeyPair>();
  private readonly sessions = new Map<string, unknown>();
  private readonly identities = new Map<string, Uint8Array>();

  private constructor(
    readonly registrationId: number,
    readonly identity: KeyPair,
    readonly signedPreKey: SignedPreKey,
    private nextPreKeyId: number,
  ) {}

  /** A fresh device whose identity is `identity` (for device 0: the account key pair). */
  static create(identity: KeyPair): PhoneSignalStore {
    const registrationId = (Math.floor(Math.random() * 0x3fff) + 1) & 0x3fff;
    const keyPair = generateKeyPair();
    // Signed prekey signatures cover the 0x05-prefixed public key (libsignal/Baileys convention).
    const signedPreKey = { keyId: 1, keyPair, signature: sign(identity.private, withTypePrefix(keyPair.public)) };
    return new PhoneSignalStore(registrationId || 1, identity, signedPreKey, 1);
  }

  /** Make `count` new one-time prekeys; returns their ids and raw public keys for the bundle store. */
  generatePreKeys(count: number): { keyId: number; publicKey: Uint8Array }[] {
    const out: { keyId: number; publicKey: Uint8Array }[] = [];
    for (let i = 0; i < count; i++) {
      const keyId = this.nextPreKeyId;
      // Prekey ids are 24-bit on the wire; wrap like WhatsApp clients do.
      this.nextPreKeyId = (this.nextPreKeyId % 0xffffff) + 1;
      const keyPair = generateKeyPair();
      this.preKeys.set(keyId, keyPair);
      out.push({ keyId, publicKey: keyPair.public });
    }
    return out;
  }

  hasSession(address: string): boolean {
    const record = this.sessions.get(address);
    return record !== undefined && libsignal.SessionRecord.deserialize(record as never).haveOpenSession();
  }

  deleteSession(address: string): void {
    this.sessions.delete(address);
  }

  /** The libsignal storage interface (what SessionBuilder / SessionCipher call). */
  readonly storage: PhoneStorage = {
    loadSession: async (id) => {
      const data = this.sessions.get(id);
      return data === undefined ? undefined : libsignal.SessionRecord.deserialize(data as never);
    },
    storeSession: async (id, record) => {
      this.sessions.set(id, record.serialize());
    },
    // Trust on first use, as WhatsApp Web and Baileys do; identity changes are recorded, not refused.
    isTrustedIdentity: () => true,
    saveIdentity: (id, key) => {
      const known = this.identities.get(id);
      this.identities.set(id, new Uint8Array(key));
      return known !== undefined && Buffer.compare(known, key) !== 0;
    },
    loadPreKey: async (id) => {
      const kp = this.preKeys.get(Number(id));
      return kp ? toLibsignal(kp) : undefined;
    },
    removePreKey: (id) => {
      this.preKeys.delete(Number(id));
    },
    loadSignedPreKey: (id?: number) =>
      id === undefined || id === this.signedPreKey.keyId ? toLibsignal(this.signedPreKey.keyPair) : undefined,
    getOurRegistrationId: () => this.registrationId,
    getOurIdentity: () => toLibsignal(this.identity),
  };

  toJSON(): SignalStoreJSON {
    return {
      registrationId: this.registrationId,
      identity: { public: b64(this.identity.public), private: b64(this.identity.private) },
      signedPreKey: {
        keyId: this.signedPreKey.keyId,
        public: b64(this.signedPreKey.keyPair.public),
        private: b64(this.signedPreKey.keyPair.private),
        signature: b64(this.signedPreKey.signature),
      },
      preKeys: Object.fromEntries(
        [...this.preKeys].map(([id, kp]) => [String(id), { public: b64(kp.public), private: b64(kp.private) }]),
      ),
      nextPreKeyId: this.nextPreKeyId,
      sessions: Object.fromEntries(this.sessions),
      identities: Object.fromEntries([...this.identities].map(([id, key]) => [id, b64(key)])),
    };
  }

  static fromJSON(json: SignalStoreJSON): PhoneSignalStore {
    const spk = json.signedPreKey;
    const store = new PhoneSignalStore(
      json.registrationId,
      { public: unb64(json.identity.public), private: unb64(json.identity.private) },
      {
        keyId: spk.keyId,
        keyPair: { public: unb64(spk.public), private: unb64(spk.private) },
        signature: unb64(spk.signature),
      },
      json.nextPreKeyId,
    );
    for (const [id, kp] of Object.entries(json.preKeys))
      store.preKeys.set(Number(id), { public: unb64(kp.public), private: unb64(kp.private) });
    for (const [id, data] of Object.entries(json.sessions)) store.sessions.set(id, data);
    for (const [id, key] of Object.entries(json.identities)) store.identities.set(id, unb64(key));
    return store;
  }
}
