import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Curve } from 'baileys';
import { generateKeyPair, sharedSecret, sign, verify, withTypePrefix, stripTypePrefix } from '../src/crypto/curve.js';

test('sign/verify round trip, and verify is strict where Baileys is lax', () => {
  const kp = generateKeyPair();
  const msg = randomBytes(70);
  const sig = sign(kp.private, msg);
  assert.equal(sig.length, 64);
  assert.equal(verify(kp.public, msg, sig), true);
  const forged = new Uint8Array(randomBytes(64));
  assert.equal(verify(kp.public, msg, forged), false);
  // The reason this module exists: Baileys' Curve.verify accepts any 64-byte signature.
  assert.equal(Curve.verify(Buffer.from(kp.public), msg, Buffer.from(forged)), true);
  const tampered = Buffer.from(msg);
  tampered[0] = (tampered[0] ?? 0) ^ 1;
  assert.equal(verify(kp.public, tampered, sig), false);
});

test('verify rejects bad shapes instead of throwing', () => {
  const kp = generateKeyPair();
  const msg = randomBytes(10);
  const sig = sign(kp.private, msg);
  assert.equal(
    verify(withTypePrefix(kp.public), msg, sig),
    false,
    'a 0x05-prefixed key must be stripped by the caller',
  );
  assert.equal(verify(kp.public, msg, sig.subarray(0, 63)), false);
  assert.equal(verify(kp.public.subarray(0, 31), msg, sig), false);
});

test('interoperates with Baileys keys, signatures and agreement', () => {
  const ours = generateKeyPair();
  const theirs = Curve.generateKeyPair();
  assert.deepEqual(
    Buffer.from(sharedSecret(ours.private, theirs.public)),
    Curve.sharedKey(theirs.private, Buffer.from(ours.public)),
  );
  const msg = randomBytes(33);
  assert.equal(verify(theirs.public, msg, Curve.sign(theirs.private, msg)), true);
});

test('type prefix helpers are explicit', () => {
  const kp = generateKeyPair();
  const prefixed = withTypePrefix(kp.public);
  assert.equal(prefixed.length, 33);
  assert.equal(prefixed[0], 5);
  assert.deepEqual(stripTypePrefix(prefixed), kp.public);
  assert.throws(() => stripTypePrefix(kp.public));
  assert.throws(() => withTypePrefix(prefixed));
});
