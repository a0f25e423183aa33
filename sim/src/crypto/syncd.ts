/**
 * App-state ("syncd") mutation crypto (design §8.4), on node:crypto: the 160 bytes of
 * HKDF(keyData, info "WhatsApp Mutation Keys") split into index, value-encryption, value-MAC,
 * snapshot-MAC and patch-MAC keys; a record's value is `iv ‖ AES-256-CBC(SyncActionData) ‖ valueMac`
 * with valueMac = HMAC-SHA512(op ‖ keyId ‖ value ‖ len(op ‖ keyId) as 8 bytes)[0..32], and its
 * index blob is HMAC-SHA256(indexKey, index JSON). Decryption checks both MACs strictly.
 * Snapshot and patch MACs (LTHash) are not produced: Baileys does not check them by default.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { proto } from 'baileys/WAProto/index.js';
import { hkdf, hmacSha256 } from './primitives.js';

export interface MutationKeys {
  indexKey: Uint8Array;
  valueEncryptionKey: Uint8Array;
  valueMacKey: Uint8Array;
  snapshotMacKey: Uint8Array;
  patchMacKey: Uint8Array;
}

export class SyncdError extends Error {
  override name = 'SyncdError';
}

const SET = proto.SyncdMutation.SyncdOperation.SET;

export function mutationKeys(keyData: Uint8Array): MutationKeys {
  const k = hkdf(keyData, 160, { info: 'WhatsApp Mutation Keys' });
  return {
    indexKey: k.subarray(0, 32),
    valueEncryptionKey: k.subarray(32, 64),
    valueMacKey: k.subarray(64, 96),
    snapshotMacKey: k.subarray(96, 128),
    patchMacKey: k.subarray(128, 160),
  };
}

function valueMac(
  operation: proto.SyncdMutation.SyncdOperation,
  encValue: Uint8Array,
  keyId: Uint8Array,
  key: Uint8Array,
): Uint8Array {
  const head = Buffer.concat([Buffer.of(operation === SET ? 0x01 : 0x02), keyId]);
  const length = Buffer.alloc(8);
  length[7] = head.length;
  return new Uint8Array(
    createHmac('sha512', key)
      .update(Buffer.concat([head, encValue, length]))
      .digest()
      .subarray(0, 32),
  );
}

/** One mutation (SET or REMOVE) of `index` (e.g. `['archive', jid]`) to `value`, encrypted with `keyId`'s keys. */
export function encryptMutation(
  keys: MutationKeys,
  keyId: Uint8Array,
  index: string[],
  value: proto.ISyncActionValue,
  version: number,
  operation = SET,
): proto.ISyncdMutation {
  const indexBytes = Buffer.from(JSON.stringify(index));
  const data = proto.SyncActionData.encode({ index: indexBytes, value, padding: new Uint8Array(0), version }).finish();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', keys.valueEncryptionKey, iv);
  const enc = Buffer.concat([iv, cipher.update(data), cipher.final()]);
  return {
    operation,
    record: {
      index: { blob: hmacSha256(keys.indexKey, indexBytes) },
      value: { blob: Buffer.concat([enc, valueMac(operation, enc, keyId, keys.valueMacKey)]) },
      keyId: { id: keyId },
    },
  };
}

/** A decrypted mutation: its operation, index (parsed JSON) and value. */
export interface Mutation {
  operation: proto.SyncdMutation.SyncdOperation;
  index: string[];
  value: proto.ISyncActionValue;
}

/** Decrypts one mutation; `keysFor` gives the keys of a key id (base64). Both MACs must match. */
export function decryptMutation(
  m: proto.ISyncdMutation,
  keysFor: (keyIdB64: string) => MutationKeys | undefined,
): Mutation {
  const record = m.record;
  const keyId = record?.keyId?.id;
  const blob = record?.value?.blob;
  if (!record || !keyId || !blob || blob.length < 48) throw new SyncdError('mutation without key id or value');
  const keys = keysFor(Buffer.from(keyId).toString('base64'));
  if (!keys) throw new SyncdError(`no app-state key ${Buffer.from(keyId).toString('base64')}`);
  const operation = m.operation ?? SET;
  const enc = blob.subarray(0, blob.length - 32);
  if (
    !Buffer.from(valueMac(operation, enc, keyId, keys.valueMacKey)).equals(Buffer.from(blob.subarray(blob.length - 32)))
  )
    throw new SyncdError('value MAC mismatch');
  const decipher = createDecipheriv('aes-256-cbc', keys.valueEncryptionKey, enc.subarray(0, 16));
  const data = proto.SyncActionData.decode(Buffer.concat([decipher.update(enc.subarray(16)), decipher.final()]));
  const indexBytes = data.index ?? new Uint8Array(0);
  if (!Buffer.from(hmacSha256(keys.indexKey, indexBytes)).equals(Buffer.from(record.index?.blob ?? [])))
    throw new SyncdError('index MAC mismatch');
  return {
    operation,
    index: JSON.parse(Buffer.from(indexBytes).toString('utf8')) as string[],
    value: data.value ?? {},
  };
}
