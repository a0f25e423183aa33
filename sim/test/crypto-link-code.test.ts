import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  aesDecryptCTR,
  aesEncryptCTR,
  aesEncryptGCM,
  bytesToCrockford,
  Curve,
  derivePairingCodeKey,
  hkdf,
} from 'baileys';
import { generateKeyPair } from '../src/crypto/curve.js';
import { enterCode, finishCode } from '../src/crypto/link-code.js';
import { PairingError } from '../src/crypto/adv.js';

/** The companion side, written with Baileys' own functions exactly as socket.js / messages-recv.js do. */
async function companionHello(code: string, ephemeralPub: Uint8Array): Promise<Buffer> {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const key = await derivePairingCodeKey(code, salt);
  return Buffer.concat([salt, iv, aesEncryptCTR(Buffer.from(ephemeralPub), key, iv)]);
}

async function companionFinish(
  code: string,
  ephemeral: { private: Uint8Array },
  identity: { public: Uint8Array; private: Uint8Array },
  primaryIdentityPub: Uint8Array,
  wrappedPrimary: Uint8Array,
) {
  const buffer = Buffer.from(wrappedPrimary);
  const secretKey = await derivePairingCodeKey(code, buffer.subarray(0, 32));
  const primaryEphemeral = aesDecryptCTR(buffer.subarray(48, 80), secretKey, buffer.subarray(32, 48));
  const shared = Curve.sharedKey(Buffer.from(ephemeral.private), primaryEphemeral);
  const random = randomBytes(32);
  const linkSalt = randomBytes(32);
  const key = hkdf(shared, 32, { salt: linkSalt, info: 'link_code_pairing_key_bundle_encryption_key' });
  const iv = randomBytes(12);
  const bundle = Buffer.concat([
    linkSalt,
    iv,
    aesEncryptGCM(
      Buffer.concat([Buffer.from(identity.public), Buffer.from(primaryIdentityPub), random]),
      Buffer.from(key),
      iv,
      Buffer.alloc(0),
    ),
  ]);
  const identityShared = Curve.sharedKey(Buffer.from(identity.private), Buffer.from(primaryIdentityPub));
  const advSecret = Buffer.from(hkdf(Buffer.concat([shared, identityShared, random]), 32, { info: 'adv_secret' }));
  return { bundle, advSecret };
}

test("the phone derives the same advSecret as Baileys' companion", async () => {
  const code = bytesToCrockford(randomBytes(5));
  const account = generateKeyPair();
  const ephemeral = Curve.generateKeyPair();
  const identity = Curve.generateKeyPair();
  const { pending, wrappedPrimaryEphemeral } = await enterCode(code, await companionHello(code, ephemeral.public));
  const companion = await companionFinish(code, ephemeral, identity, account.public, wrappedPrimaryEphemeral);
  const { advSecret } = finishCode(pending, account, companion.bundle, identity.public);
  assert.deepEqual(Buffer.from(advSecret), companion.advSecret);
});

test('a mistyped code fails at companion_finish with a PairingError', async () => {
  const account = generateKeyPair();
  const ephemeral = Curve.generateKeyPair();
  const identity = Curve.generateKeyPair();
  const hello = await companionHello('ABCD1234', ephemeral.public);
  const { pending, wrappedPrimaryEphemeral } = await enterCode('ABCD1235', hello);
  // The companion unwraps with its own (right) code, so it gets garbage and derives another secret.
  const companion = await companionFinish('ABCD1234', ephemeral, identity, account.public, wrappedPrimaryEphemeral);
  assert.throws(() => finishCode(pending, account, companion.bundle, identity.public), PairingError);
});

test('a bundle naming another companion identity is refused', async () => {
  const code = 'ZZZZ9999';
  const account = generateKeyPair();
  const ephemeral = Curve.generateKeyPair();
  const identity = Curve.generateKeyPair();
  const { pending, wrappedPrimaryEphemeral } = await enterCode(code, await companionHello(code, ephemeral.public));
  const companion = await companionFinish(code, ephemeral, identity, account.public, wrappedPrimaryEphemeral);
  assert.throws(
    () => finishCode(pending, account, companion.bundle, Curve.generateKeyPair().public),
    /companion identity/,
  );
});
