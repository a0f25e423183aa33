import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { configureSuccessfulPairing, initAuthCreds, getBinaryNodeChild, type BinaryNode } from 'baileys';
import { generateKeyPair } from '../src/crypto/curve.js';
import { signCompanion, verifyCompanion, PairingError } from '../src/crypto/adv.js';

function pairSuccess(deviceIdentity: Uint8Array, keyIndex: number): BinaryNode {
  return {
    tag: 'iq',
    attrs: { from: 's.whatsapp.net', type: 'set', id: 'p1', xmlns: 'md' },
    content: [
      {
        tag: 'pair-success',
        attrs: {},
        content: [
          { tag: 'device-identity', attrs: { 'key-index': String(keyIndex) }, content: Buffer.from(deviceIdentity) },
          { tag: 'platform', attrs: { name: 'android' } },
          { tag: 'device', attrs: { jid: '15551234567:3@s.whatsapp.net', lid: '123456789012345:3@lid' } },
        ],
      },
    ],
  };
}

for (const hosted of [false, true]) {
  test(`Baileys accepts our pair-success and we accept its pair-device-sign (hosted=${hosted})`, () => {
    const account = generateKeyPair();
    const creds = initAuthCreds();
    const grant = {
      account,
      companionIdentityKey: new Uint8Array(creds.signedIdentityKey.public),
      advSecret: new Uint8Array(Buffer.from(creds.advSecretKey, 'base64')),
      rawId: 4242,
      keyIndex: 7,
      timestamp: Math.floor(Date.now() / 1000),
      hosted,
    };
    const { deviceIdentity } = signCompanion(grant);
    const { creds: update, reply } = configureSuccessfulPairing(pairSuccess(deviceIdentity, 7), creds);
    assert.equal(update.me?.id, '15551234567:3@s.whatsapp.net');
    assert.deepEqual(new Uint8Array(update.account!.accountSignatureKey!), account.public);

    const sign = getBinaryNodeChild(reply, 'pair-device-sign');
    const identityNode = getBinaryNodeChild(sign, 'device-identity');
    assert.equal(identityNode?.attrs['key-index'], '7');
    const verified = verifyCompanion(identityNode!.content as Uint8Array, account.public, grant.companionIdentityKey);
    assert.equal(verified.keyIndex, 7);

    // Strictness: another companion identity, another account, or a flipped signature byte all fail.
    assert.throws(
      () => verifyCompanion(identityNode!.content as Uint8Array, account.public, new Uint8Array(randomBytes(32))),
      PairingError,
    );
    assert.throws(
      () => verifyCompanion(identityNode!.content as Uint8Array, generateKeyPair().public, grant.companionIdentityKey),
      PairingError,
    );
    const bad = Buffer.from(identityNode!.content as Uint8Array);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1; // deviceSignature is the last field
    assert.throws(() => verifyCompanion(bad, account.public, grant.companionIdentityKey), PairingError);
  });
}

test('Baileys rejects a pair-success signed with the wrong advSecret', () => {
  const creds = initAuthCreds();
  const { deviceIdentity } = signCompanion({
    account: generateKeyPair(),
    companionIdentityKey: new Uint8Array(creds.signedIdentityKey.public),
    advSecret: new Uint8Array(randomBytes(32)),
    rawId: 1,
    keyIndex: 1,
    timestamp: 1,
  });
  assert.throws(() => configureSuccessfulPairing(pairSuccess(deviceIdentity, 1), creds), /Invalid account signature/);
});
