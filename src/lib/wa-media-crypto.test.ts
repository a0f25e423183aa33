// The decryptor against files encrypted by Baileys itself (what WhatsApp clients produce).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { test } from 'node:test';
import { encryptedStream } from 'baileys';
import { decryptMediaStream, MediaIntegrityError, waMediaKeys } from './wa-media-crypto.js';

async function encrypt(plain: Buffer, type: 'image' | 'document') {
  const r = await encryptedStream(plain, type);
  const body = await readFile(r.encFilePath);
  await rm(r.encFilePath, { force: true });
  return { ...r, body };
}

async function decrypt(body: Buffer, mediaKey: Uint8Array, type: 'image' | 'document', expect = {}): Promise<Buffer> {
  const out: Buffer[] = [];
  // Odd chunk sizes, so the held-back MAC straddles chunk borders.
  const chunks = [] as Buffer[];
  for (let i = 0; i < body.length; i += 7777) chunks.push(body.subarray(i, i + 7777));
  for await (const c of decryptMediaStream(chunks, waMediaKeys(mediaKey, type), expect)) out.push(c);
  return Buffer.concat(out);
}

test('decrypts what Baileys encrypts, checking MAC and both hashes', async () => {
  const plain = randomBytes(100_003);
  const e = await encrypt(plain, 'image');
  const got = await decrypt(e.body, e.mediaKey, 'image', { fileSha256: e.fileSha256, fileEncSha256: e.fileEncSha256 });
  assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(plain).digest('hex'));
});

test('a flipped byte, a wrong key type or a wrong hash fails the stream', async () => {
  const plain = randomBytes(5000);
  const e = await encrypt(plain, 'document');
  const tampered = Buffer.from(e.body);
  tampered[100] = (tampered[100] ?? 0) ^ 1;
  await assert.rejects(decrypt(tampered, e.mediaKey, 'document'), MediaIntegrityError);
  await assert.rejects(decrypt(e.body, e.mediaKey, 'image'), MediaIntegrityError);
  await assert.rejects(decrypt(e.body, e.mediaKey, 'document', { fileSha256: randomBytes(32) }), MediaIntegrityError);
  await assert.rejects(decrypt(e.body.subarray(0, 5), e.mediaKey, 'document'), MediaIntegrityError);
  assert.equal((await decrypt(e.body, e.mediaKey, 'document', { fileEncSha256: e.fileEncSha256 })).length, 5000);
});
