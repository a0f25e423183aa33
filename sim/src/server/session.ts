import type { Connection } from '../transport/connection.js';
import type { proto } from 'baileys/WAProto/index.js';
import type { CompanionRecord } from '../state/types.js';

/** A companion that connected without credentials and waits to be linked (design §3). */
export interface Registration {
  noiseKey: Uint8Array;
  identityKey: Uint8Array;
  registrationId: number;
  signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  platform: string;
  refs: string[];
  /** Pairing code flow: the companion_hello it sent, by the phone number it claims. */
  codeHello?: { pn: string; wrappedEphemeral: Uint8Array; ref: string };
  /** The control call waiting for a code link to finish. */
  codeDone?: { resolve: (c: CompanionRecord) => void; reject: (e: Error) => void };
  /** Set once a phone has started linking it, so a second scan cannot race. */
  linking?: boolean;
}

/** What the server knows about one client connection. */
export interface Session {
  conn: Connection;
  payload: proto.ClientPayload;
  registration?: Registration;
  /** After login: the account and device it is. */
  pn?: string;
  device?: number;
  /** True after `passive active`: live delivery instead of the offline queue. */
  ready: boolean;
}

export const deviceKey = (pn: string, device: number): string => `${pn}:${device}`;
