/**
 * The app-state sync key the phone shares with its companions (design §8.4): Baileys' `chatModify`
 * (archive, pin, mute, star, labels, contacts, push name) encrypts patches with it, and refuses to
 * run until one was shared ("App state key not present!"). One key per account, made at the first
 * link and sent to every companion right after its history bootstrap.
 */
import { randomBytes } from 'node:crypto';
import { proto } from 'baileys/WAProto/index.js';

export interface AppStateKey {
  /** base64 of the key id bytes (Baileys stores the key under this name). */
  keyId: string;
  keyData: string;
  timestamp: number;
}

/** The account's key, created once (the caller persists `keys`). */
export function ensureAppStateKey(keys: AppStateKey[], nowMs: number): AppStateKey {
  if (!keys[0])
    keys.push({
      keyId: randomBytes(6).toString('base64'),
      keyData: randomBytes(32).toString('base64'),
      timestamp: nowMs,
    });
  return keys[0]!;
}

/** `protocolMessage APP_STATE_SYNC_KEY_SHARE`, sent to our own companions only (Baileys drops it from others). */
export function keyShareMessage(keys: AppStateKey[]): proto.IMessage {
  return {
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE,
      appStateSyncKeyShare: {
        keys: keys.map((k) => ({
          keyId: { keyId: Buffer.from(k.keyId, 'base64') },
          keyData: {
            keyData: Buffer.from(k.keyData, 'base64'),
            fingerprint: { rawId: 0, currentIndex: 0, deviceIndexes: [0] },
            timestamp: k.timestamp,
          },
        })),
      },
    },
  };
}
