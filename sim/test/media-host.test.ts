/**
 * The media host on its own: TLS with the simulator's CA (and nothing else trusted), upload checks
 * (auth, hash), ranged downloads, and a data dir that keeps the CA and the files across restarts.
 * Plus the media crypto the phone relies on: a tampered file never decrypts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { encryptMedia, decryptMedia, MediaCryptoError } from '../src/crypto/media.js';
import { parseRange } from '../src/media/host.js';
import type { Simulator } from '../src/server/simulator.js';
import { startSim, tempDir } from './support/sim.js';

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function https(
  url: string,
  opts: { method?: string; ca?: string; body?: Buffer; headers?: Record<string, string> },
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent: false, method: opts.method ?? 'GET', ...(opts.ca ? { ca: opts.ca } : {}), headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const b64url = (b: Uint8Array): string =>
  Buffer.from(b).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The auth media_conn hands out (a test reaches into the simulator instead of running a client). */
async function authOf(sim: Awaited<ReturnType<typeof startSim>>): Promise<string> {
  return (sim.control as unknown as { sim: Simulator }).sim.media!.auth;
}

test('media host: TLS only with the sim CA; uploads need auth and the right hash; ranged downloads', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const ca = sim.mediaCaPem;
  assert.equal(new X509Certificate(ca).ca, true);
  assert.equal(readFileSync(sim.mediaCaPath, 'utf8'), ca);
  const base = `https://${sim.mediaHost}`;
  await assert.rejects(
    https(`${base}/v/none`, {}),
    /self[- ]signed|unable to verify|certificate/i,
    'untrusted without the CA',
  );

  const file = Buffer.from(encryptMedia(Buffer.from('x'.repeat(1000)), 'document').enc);
  const hash = b64url(createHash('sha256').update(file).digest());
  const auth = await authOf(sim);
  const noAuth = await https(`${base}/mms/document/${hash}?auth=wrong&token=${hash}`, {
    method: 'POST',
    ca,
    body: file,
  });
  assert.equal(noAuth.status, 401);
  const badHash = await https(`${base}/mms/document/${b64url(Buffer.alloc(32))}?auth=${encodeURIComponent(auth)}`, {
    method: 'POST',
    ca,
    body: file,
  });
  assert.equal(badHash.status, 400);
  const up = await https(`${base}/mms/document/${hash}?auth=${encodeURIComponent(auth)}&token=${hash}`, {
    method: 'POST',
    ca,
    body: file,
  });
  assert.equal(up.status, 200);
  const { url, direct_path } = JSON.parse(up.body.toString()) as { url: string; direct_path: string };
  assert.match(direct_path, /^\/v\/t62\.7119-24\/\d+_\d+_n\.enc\?/);
  assert.ok(url.startsWith(`${base}${direct_path}`));

  const whole = await https(`${base}${direct_path}`, { ca });
  assert.equal(whole.status, 200);
  assert.deepEqual(whole.body, file);
  const part = await https(`${base}${direct_path}`, { ca, headers: { Range: 'bytes=16-47' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers['content-range'], `bytes 16-47/${file.length}`);
  assert.deepEqual(part.body, file.subarray(16, 48));
  const tail = await https(`${base}${direct_path}`, { ca, headers: { Range: 'bytes=-10' } });
  assert.deepEqual(tail.body, file.subarray(file.length - 10));
  const beyond = await https(`${base}${direct_path}`, { ca, headers: { Range: `bytes=${file.length}-` } });
  assert.equal(beyond.status, 416);
  assert.equal((await https(`${base}/v/t62.7119-24/1_2_n.enc`, { ca })).status, 404);
});

test('media host: with a data dir the CA, the server certificate and the files survive a restart', async (t) => {
  const dir = tempDir();
  t.after(() => dir.remove());
  const first = await startSim({ dataDir: dir.path });
  const file = Buffer.from(encryptMedia(Buffer.from('persist me'), 'image').enc);
  const hash = b64url(createHash('sha256').update(file).digest());
  const auth = await authOf(first);
  const up = await https(`https://${first.mediaHost}/mms/image/${hash}?auth=${encodeURIComponent(auth)}`, {
    method: 'POST',
    ca: first.mediaCaPem,
    body: file,
  });
  const { direct_path } = JSON.parse(up.body.toString()) as { direct_path: string };
  const ca = first.mediaCaPem;
  await first.close();

  const second = await startSim({ dataDir: dir.path });
  t.after(() => second.close());
  assert.equal(second.mediaCaPem, ca, 'same CA after a restart');
  assert.equal(await authOf(second), auth, 'same upload auth after a restart');
  assert.equal(second.mediaHost, first.mediaHost, 'same media port, so urls in earlier messages still work');
  const again = await https(`https://${second.mediaHost}${direct_path}`, { ca });
  assert.equal(again.status, 200);
  assert.deepEqual(again.body, file);
});

test('media crypto: round trip; a flipped byte, a wrong key or a wrong kind is refused', () => {
  const plain = Buffer.from('hello media '.repeat(50));
  const e = encryptMedia(plain, 'image');
  assert.deepEqual(Buffer.from(decryptMedia(e.enc, e.mediaKey, 'image', e.fileEncSha256)), plain);
  assert.deepEqual(Buffer.from(decryptMedia(e.enc, e.mediaKey, 'sticker')), plain, 'sticker uses the image keys');
  const tampered = Buffer.from(e.enc);
  tampered[5]! ^= 1;
  assert.throws(() => decryptMedia(tampered, e.mediaKey, 'image'), MediaCryptoError);
  assert.throws(() => decryptMedia(tampered, e.mediaKey, 'image', e.fileEncSha256), /fileEncSha256/);
  assert.throws(() => decryptMedia(e.enc, Buffer.alloc(32, 1), 'image'), /MAC/);
  assert.throws(() => decryptMedia(e.enc, e.mediaKey, 'video'), /MAC/);
});

test('range parsing', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), [0, 9]);
  assert.deepEqual(parseRange('bytes=90-', 100), [90, 99]);
  assert.deepEqual(parseRange('bytes=-5', 100), [95, 99]);
  assert.deepEqual(parseRange('bytes=50-500', 100), [50, 99]);
  assert.equal(parseRange('bytes=100-', 100), null);
  assert.equal(parseRange('bytes=9-1', 100), null);
  assert.equal(parseRange('items=0-1', 100), null);
});
