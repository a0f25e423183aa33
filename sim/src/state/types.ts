import type { NodeJson } from '../binary/json.js';

/** Byte fields are base64 in the JSON state file. */
export interface SignedPreKeyRecord {
  keyId: number;
  publicKey: string;
  signature: string;
}

/** What the server knows of one Signal device's keys (device 0 is the phone). */
export interface BundleRecord {
  registrationId: number;
  identityKey: string;
  signedPreKey: SignedPreKeyRecord;
  /** One-time prekeys still on offer: keyId → public key. */
  preKeys: Record<string, string>;
}

export interface CompanionRecord {
  id: number;
  /** The companion's Noise static key: every login must present the same one (design §2.2). */
  noiseKey: string;
  keyIndex: number;
  platform: string;
  /** ADVSignedDeviceIdentity as the phone verified it. */
  signedDeviceIdentity: string;
  linkedAt: number;
  bundle: BundleRecord;
}

export interface AccountRecord {
  pn: string;
  lid: string;
  pushName?: string;
  createdAt: number;
  /** SimPhone.toJSON() output, opaque to the server. */
  phone?: unknown;
  phoneBundle?: BundleRecord;
  companions: CompanionRecord[];
  nextDeviceId: number;
}

export interface StateFile {
  version: 1;
  accounts: AccountRecord[];
  /** Stanzas a device has not acknowledged (never written, or written and unanswered), keyed `pn:device`. */
  queues: Record<string, NodeJson[]>;
}
