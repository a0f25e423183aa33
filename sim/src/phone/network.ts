/**
 * What a simulated phone needs from the simulated network. The server (sim/src/server) implements
 * it, one instance per phone, bound to that phone's account: everything the phone emits is treated
 * as coming from device 0 of that account (`<pn>:0@s.whatsapp.net`, LID `<lid>:0@lid`).
 *
 * Kept deliberately small and stable: the server codes against it, the phone never reaches into
 * server internals. Every method may answer synchronously or with a promise; the phone awaits all.
 */
import type { BinaryNode } from '../binary/types.js';

export type MaybePromise<T> = T | Promise<T>;

/** A Signal prekey bundle as the server's bundle store keeps it. Keys are raw 32-byte X25519 (no 0x05). */
export interface PreKeyBundle {
  registrationId: number;
  /** The device's identity public key (for device 0: the account key, ADV accountSignatureKey). */
  identityKey: Uint8Array;
  signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  /** One one-time prekey, consumed by the fetch that returned it; absent when the stock is empty. */
  preKey?: { keyId: number; publicKey: Uint8Array };
}

/** The two names of one account: user parts only, digits (`"15551234567"`, `"123456789012345"`). */
export interface AccountAddress {
  pn: string;
  lid: string;
}

export interface PhoneNetwork {
  /**
   * Route a stanza the phone emits exactly as if its device-0 connection had sent it: `<message>`
   * (with `<participants>`), `<receipt>`, `<ack>`. The server acks it back to the phone through
   * `SimPhone.receive` like it acks any client. The phone never sets `from` on what it sends.
   */
  send(node: BinaryNode): MaybePromise<void>;

  /**
   * Device ids of an account, device 0 (the phone) first, then its linked companions.
   * `user` is a PN or LID user part, or a PN/LID jid (device part ignored). Unknown → `[]`.
   */
  devicesOf(user: string): MaybePromise<number[]>;

  /**
   * The bundle of one device, consuming its one-time prekey (as Baileys' `encrypt get <key>` does).
   * `deviceJid` is `<pn>:<d>@s.whatsapp.net` or `<lid>:<d>@lid` (`:0` may be omitted). For a
   * companion that has not uploaded prekeys yet, the registration-time identity + signed prekey
   * (ClientPayload.devicePairingData) without `preKey`. Unknown device → `undefined`.
   */
  fetchBundle(deviceJid: string): MaybePromise<PreKeyBundle | undefined>;

  /**
   * Resolve any name of an account to both names: a PN or LID user part, `+`-prefixed number, or a
   * PN/LID jid (device part ignored). Unknown → `undefined` (the number is not on "WhatsApp").
   */
  lookup(id: string): MaybePromise<AccountAddress | undefined>;

  /**
   * Stage 5: the media CDN's stored file behind a direct path (or full url); undefined when unknown.
   * Optional so networks without media (unit tests) still fit.
   */
  downloadMedia?(pathOrUrl: string): MaybePromise<Uint8Array | undefined>;

  /** Stage 5: store an encrypted media file (ciphertext + MAC) on the CDN, as an upload would. */
  uploadMedia?(type: string, enc: Uint8Array): MaybePromise<{ url: string; direct_path: string }>;

  /**
   * Stage 4: the members of a group (`<id>@g.us`) as the server has them; undefined when there is
   * no such group. Optional so networks without groups (unit tests) still fit.
   */
  groupMembers?(groupJid: string): MaybePromise<AccountAddress[] | undefined>;

  /**
   * Stage 6: the account's app-state collections (name → SyncdPatch bytes, version order), and a
   * push of one patch on top of `version` (false when someone else pushed first). Optional.
   */
  appState?: {
    patches(): MaybePromise<Record<string, Uint8Array[]>>;
    push(collection: string, version: number, patch: Uint8Array): MaybePromise<boolean>;
  };

  /** Milliseconds since the epoch; the server's clock, so tests can move it. */
  now(): number;
}
