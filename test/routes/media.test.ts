// /v1/media and the public file URL on both dialects: raw, base64 and data-URL uploads, the magic
// number check, size limits (413), account scoping, the expiry sweep, media URLs for sends (private
// address guard with and without WAGATE_ALLOW_PRIVATE_URLS) and decrypt-media against a real blob
// encrypted by Baileys, served by a local HTTP server.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { encryptedStream } from 'baileys';
import type { Clock } from '../../src/core/ports/clock.js';
import type { Scope } from '../../src/core/tokens/scope.js';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(40),
]);
const TEXT = Buffer.from('just some text, not an image\n');
/** What a PAT of the account is, as the core sees it (for calling the send path's resolver directly). */
const patScope = (accountId: string): Scope => ({ kind: 'pat', accountId, tokenId: 'pat_test' });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

class TestClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

async function rawUpload(t: TestApp, token: string | null, body: Buffer, contentType: string, query = '') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/media${query}`,
    payload: body,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { statusCode: res.statusCode, body: res.json(), headers: res.headers };
}

/** A local HTTP server: path → [status, headers, body]. */
async function serve(
  routes: Record<string, [number, Record<string, string>, Buffer]>,
): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const r = routes[req.url ?? ''];
    if (!r) return res.writeHead(404).end();
    res.writeHead(r[0], r[1]).end(r[2]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

forEachDialect((dialect) => {
  describe('uploads and the public URL', () => {
    let t: TestApp;
    const clock = new TestClock();
    before(async () => {
      t = await createTestApp({ dialect, overrides: { clock } });
    });
    after(() => t.close());

    test('raw body → 201 with type by magic numbers; the public URL serves the bytes', async () => {
      const { token } = await t.createAccount();
      const res = await rawUpload(t, token, PNG, 'image/png', '?file_name=dot.png');
      assert.equal(res.statusCode, 201, JSON.stringify(res.body));
      const m = res.body.media;
      assert.match(m.id, /^med_[0-9a-f]{32}$/);
      assert.equal(m.mimetype, 'image/png');
      assert.equal(m.size, PNG.length);
      assert.equal(m.sha256, sha(PNG));
      assert.equal(m.file_name, 'dot.png');
      const url = new URL(m.url);
      assert.match(url.pathname, /^\/media\/[A-Za-z0-9_-]{32}\.png$/);
      assert.ok(!url.pathname.includes(m.id.slice(4)), 'the public URL does not reveal the id');
      const file = await t.app.inject({ method: 'GET', url: url.pathname });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'image/png');
      assert.equal(file.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(file.rawPayload, PNG);
      const meta = await t.request(token, 'GET', `/v1/media/${m.id}`);
      assert.equal(meta.statusCode, 200);
      assert.deepEqual(meta.body.media, m);
    });

    test('JSON base64, plain and as a data URL; a generic claim takes the detected type', async () => {
      const { token } = await t.createAccount();
      const plain = await t.request(token, 'POST', '/v1/media', {
        base64: WEBP.toString('base64'),
        mimetype: 'image/webp',
        file_name: 's.webp',
      });
      assert.equal(plain.statusCode, 201, JSON.stringify(plain.body));
      assert.equal(plain.body.media.mimetype, 'image/webp');
      assert.equal(plain.body.media.sha256, sha(WEBP));
      const dataUrl = await t.request(token, 'POST', '/v1/media', {
        base64: `data:image/png;base64,${PNG.toString('base64')}`,
      });
      assert.equal(dataUrl.statusCode, 201);
      assert.equal(dataUrl.body.media.mimetype, 'image/png');
      const generic = await rawUpload(t, token, PNG, 'application/octet-stream');
      assert.equal(generic.statusCode, 201);
      assert.equal(generic.body.media.mimetype, 'image/png');
      const text = await rawUpload(t, token, TEXT, 'text/plain; charset=utf-8');
      assert.equal(text.statusCode, 201);
      assert.equal(text.body.media.mimetype, 'text/plain; charset=utf-8');
    });

    test('a text file claimed as image/png is refused (raw, base64, data URL); a PNG claimed as JPEG too', async () => {
      const { token } = await t.createAccount();
      const raw = await rawUpload(t, token, TEXT, 'image/png');
      assert.equal(raw.statusCode, 400);
      assert.equal(raw.body.error.code, 'MEDIA_TYPE_MISMATCH');
      const b64 = await t.request(token, 'POST', '/v1/media', {
        base64: TEXT.toString('base64'),
        mimetype: 'image/png',
      });
      assert.equal(b64.body.error.code, 'MEDIA_TYPE_MISMATCH');
      assert.equal(b64.body.error.field, 'mimetype');
      const data = await t.request(token, 'POST', '/v1/media', {
        base64: `data:image/png;base64,${TEXT.toString('base64')}`,
      });
      assert.equal(data.body.error.code, 'MEDIA_TYPE_MISMATCH');
      const jpeg = await rawUpload(t, token, PNG, 'image/jpeg');
      assert.equal(jpeg.statusCode, 400);
      assert.match(jpeg.body.error.message, /image\/png/);
    });

    test('bad input: empty body, broken base64, unknown JSON key', async () => {
      const { token } = await t.createAccount();
      assert.equal((await rawUpload(t, token, Buffer.alloc(0), 'image/png')).body.error.code, 'MEDIA_EMPTY');
      const bad = await t.request(token, 'POST', '/v1/media', { base64: '***' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.body.error.field, 'base64');
      const extra = await t.request(token, 'POST', '/v1/media', { base64: PNG.toString('base64'), nope: 1 });
      assert.equal(extra.statusCode, 400);
      assert.equal(extra.body.error.field, 'nope');
    });

    test('an image over 16 MB → 413 MEDIA_TOO_LARGE, and nothing is left on disk', async () => {
      const { token } = await t.createAccount();
      const big = Buffer.concat([PNG, Buffer.alloc(16 * 1024 * 1024)]);
      const res = await rawUpload(t, token, big, 'image/png');
      assert.equal(res.statusCode, 413);
      assert.equal(res.body.error.code, 'MEDIA_TOO_LARGE');
      assert.match(res.body.error.message, /16 MB for images/);
      assert.deepEqual(readdirSync(join(t.config.dataDir, 'media', 'tmp')), []);
    });

    test('large bodies: 2 MB of JSON base64 passes the small global JSON limit; a raw body over 100 MB → 413', async () => {
      const { token } = await t.createAccount();
      const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
      const json = await t.request(token, 'POST', '/v1/media', {
        base64: pdf.toString('base64'),
        mimetype: 'application/pdf',
        file_name: 'big.pdf',
      });
      assert.equal(json.statusCode, 201, JSON.stringify(json.body));
      assert.equal(json.body.media.mimetype, 'application/pdf');
      assert.equal(json.body.media.size, pdf.length);
      const huge = await rawUpload(t, token, Buffer.alloc(100 * 1024 * 1024 + 1), 'application/octet-stream');
      assert.equal(huge.statusCode, 413);
      assert.equal(huge.body.error.code, 'MEDIA_TOO_LARGE');
      const noType = await t.app.inject({
        method: 'POST',
        url: '/v1/media',
        payload: PNG,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(noType.statusCode, 201, noType.body);
      assert.equal(noType.json().media.mimetype, 'image/png');
    });

    test('security: no token → 401; another account cannot read the media (404)', async () => {
      assert.equal((await rawUpload(t, null, PNG, 'image/png')).statusCode, 401);
      const a = await t.createAccount();
      const b = await t.createAccount();
      const up = await rawUpload(t, a.token, PNG, 'image/png');
      const other = await t.request(b.token, 'GET', `/v1/media/${up.body.media.id}`);
      assert.equal(other.statusCode, 404);
      assert.equal(other.body.error.code, 'MEDIA_NOT_FOUND');
      assert.equal((await t.app.inject({ method: 'GET', url: '/media/notatoken.png' })).statusCode, 404);
      await assert.rejects(
        t.container.services.media.prepareForSend(
          patScope(b.accountId),
          { mediaId: up.body.media.id },
          'image',
          'image',
        ),
        { code: 'MEDIA_NOT_FOUND' },
      );
    });

    test("security: a session key sees and sends only its own session's media; a PAT sees all of its account's", async () => {
      const { token, accountId } = await t.createAccount();
      const s1 = (await t.request(token, 'POST', '/v1/sessions', { name: 'media-s1' })).body;
      const s2 = (await t.request(token, 'POST', '/v1/sessions', { name: 'media-s2' })).body;
      const key1 = s1.session_key.token;
      const key2 = s2.session_key.token;
      const of2 = (await rawUpload(t, key2, PNG, 'image/png')).body.media.id;
      const byPat = (await rawUpload(t, token, PNG, 'image/png')).body.media.id;
      const of1 = (await rawUpload(t, key1, PNG, 'image/png')).body.media.id;
      for (const id of [of2, byPat]) {
        const res = await t.request(key1, 'GET', `/v1/media/${id}`);
        assert.equal(res.statusCode, 404, `session 1's key reads ${id}`);
        assert.equal(res.body.error.code, 'MEDIA_NOT_FOUND');
      }
      assert.equal((await t.request(key1, 'GET', `/v1/media/${of1}`)).statusCode, 200);
      for (const id of [of1, of2, byPat])
        assert.equal((await t.request(token, 'GET', `/v1/media/${id}`)).statusCode, 200);
      const key1Scope: Scope = { kind: 'session_key', accountId, tokenId: 'sk_test', sessionId: s1.session.id };
      await assert.rejects(t.container.services.media.prepareForSend(key1Scope, { mediaId: of2 }, 'image', 'image'), {
        code: 'MEDIA_NOT_FOUND',
        field: 'image.mediaId',
      });
      assert.equal(
        (await t.container.services.media.prepareForSend(key1Scope, { mediaId: of1 }, 'image', 'image')).id,
        of1,
      );
      assert.equal(
        (await t.container.services.media.prepareForSend(patScope(accountId), { mediaId: of2 }, 'image', 'image')).id,
        of2,
      );
    });

    test('OpenAPI: the public file URL and the QR route declare image/png, and the file is served as declared', async () => {
      const doc = (await t.request(null, 'GET', '/openapi.json')).body;
      assert.ok(doc.paths['/media/{file}'].get.responses['200'].content['image/png']);
      assert.ok(doc.paths['/v1/sessions/{id}/qr'].get.responses['200'].content['image/png']);
      assert.ok(doc.paths['/v1/sessions/{id}/qr'].get.responses['200'].content['application/json']);
      const { token } = await t.createAccount();
      const up = await rawUpload(t, token, PNG, 'image/png');
      const file = await t.app.inject({ method: 'GET', url: new URL(up.body.media.url).pathname });
      assert.equal(file.headers['content-type'], 'image/png');
    });

    test('media_id for a send: kind rules apply, and the expiry is extended for the queue', async () => {
      const { token, accountId } = await t.createAccount();
      const up = await rawUpload(t, token, PNG, 'image/png');
      const media = t.container.services.media;
      await assert.rejects(
        media.prepareForSend(patScope(accountId), { mediaId: up.body.media.id }, 'sticker', 'sticker'),
        { code: 'MEDIA_TYPE_NOT_ALLOWED', field: 'sticker.mediaId' },
      );
      const ok = await media.prepareForSend(patScope(accountId), { mediaId: up.body.media.id }, 'image', 'image');
      assert.ok(ok.expiresAt > up.body.media.expires_at);
      const opened = await media.openForEngine(ok.id);
      assert.deepEqual(readFileSync(opened.path), PNG);
      assert.equal(opened.mimetype, 'image/png');
    });

    test('the sweep deletes expired files and rows', async () => {
      const { token } = await t.createAccount();
      const up = await rawUpload(t, token, PNG, 'image/png');
      const path = new URL(up.body.media.url).pathname;
      const blob = (await t.container.services.media.openForEngine(up.body.media.id)).path;
      assert.ok(existsSync(blob));
      clock.offsetMs = 25 * 3_600_000;
      try {
        assert.equal(
          (await t.request(token, 'GET', `/v1/media/${up.body.media.id}`)).statusCode,
          404,
          'expired media is not shown even before the sweep',
        );
        assert.ok((await t.container.services.media.sweepExpired()) >= 1);
        assert.ok(!existsSync(blob));
        assert.equal((await t.app.inject({ method: 'GET', url: path })).statusCode, 404);
        await assert.rejects(t.container.services.media.openForEngine(up.body.media.id), { code: 'MEDIA_NOT_FOUND' });
      } finally {
        clock.offsetMs = 0;
      }
    });

    test('the sweep keeps media whose expiry was extended after it was listed', async () => {
      const { token } = await t.createAccount();
      const up = await rawUpload(t, token, PNG, 'image/png');
      const blob = (await t.container.services.media.openForEngine(up.body.media.id)).path;
      const repo = t.container.store.media;
      const listExpired = repo.listExpired.bind(repo);
      // A send extends the expiry between the sweep's listing and its delete.
      repo.listExpired = async (now, limit) => {
        const due = await listExpired(now, limit);
        await repo.extendExpiry(up.body.media.id, new Date(Date.parse(now) + 3_600_000).toISOString());
        return due;
      };
      clock.offsetMs = 25 * 3_600_000;
      try {
        await t.container.services.media.sweepExpired();
        assert.ok(existsSync(blob), 'the file stays');
        assert.equal((await t.container.services.media.openForEngine(up.body.media.id)).path, blob);
      } finally {
        repo.listExpired = listExpired;
        clock.offsetMs = 0;
      }
    });
  });
});

describe('media URLs and decrypt-media (sqlite)', () => {
  let guarded: TestApp;
  let open: TestApp;
  let server: Server;
  let base: string;
  let enc: { body: Buffer; mediaKey: Buffer; fileSha256: Buffer; fileEncSha256: Buffer };
  before(async () => {
    const e = await encryptedStream(PNG, 'image');
    enc = {
      body: readFileSync(e.encFilePath),
      mediaKey: e.mediaKey,
      fileSha256: e.fileSha256,
      fileEncSha256: e.fileEncSha256,
    };
    rmSync(e.encFilePath, { force: true });
    ({ server, base } = await serve({
      '/dot.png': [200, { 'content-type': 'image/png' }, PNG],
      '/wrong-type': [200, { 'content-type': 'application/octet-stream' }, PNG],
      '/text': [200, { 'content-type': 'text/html' }, Buffer.from('<html>not found</html>')],
      '/big.webp': [200, { 'content-type': 'image/webp' }, Buffer.concat([WEBP, Buffer.alloc(6 * 1024 * 1024)])],
      '/redirect': [302, { location: '/dot.png' }, Buffer.alloc(0)],
      '/bad-redirect': [302, { location: 'http://[::1' }, Buffer.alloc(0)],
      '/gone': [404, {}, Buffer.alloc(0)],
      '/enc': [200, { 'content-type': 'application/octet-stream' }, enc.body],
    }));
    guarded = await createTestApp({ dialect: 'sqlite' });
    open = await createTestApp({ dialect: 'sqlite', env: { WAGATE_ALLOW_PRIVATE_URLS: '1' } });
  });
  after(async () => {
    await guarded.close();
    await open.close();
    server.close();
  });

  test('a media URL on 127.0.0.1 is refused without the allow flag', async () => {
    const { accountId } = await guarded.createAccount();
    await assert.rejects(
      guarded.container.services.media.prepareForSend(
        patScope(accountId),
        { url: `${base}/dot.png` },
        'image',
        'image',
      ),
      { code: 'URL_NOT_ALLOWED', field: 'image.url', message: /WAGATE_ALLOW_PRIVATE_URLS=1/ },
    );
    await assert.rejects(
      guarded.container.services.media.prepareForSend(
        patScope(accountId),
        { url: 'http://localhost/x.png' },
        'image',
        'image',
      ),
      { code: 'URL_NOT_ALLOWED' },
    );
  });

  test('with the flag: fetched, typed by its bytes, redirects followed; limits and kind rules apply', async () => {
    const { accountId } = await open.createAccount();
    const media = open.container.services.media;
    const m = await media.prepareForSend(patScope(accountId), { url: `${base}/dot.png` }, 'image', 'image');
    assert.equal(m.mimetype, 'image/png');
    assert.equal(m.sha256, sha(PNG));
    assert.equal(m.fileName, 'dot.png');
    assert.equal(
      (await media.prepareForSend(patScope(accountId), { url: `${base}/wrong-type` }, 'image', 'image')).mimetype,
      'image/png',
    );
    assert.equal(
      (await media.prepareForSend(patScope(accountId), { url: `${base}/redirect` }, 'image', 'image')).sha256,
      sha(PNG),
    );
    await assert.rejects(media.prepareForSend(patScope(accountId), { url: `${base}/text` }, 'image', 'image'), {
      code: 'MEDIA_TYPE_NOT_ALLOWED',
    });
    await assert.rejects(media.prepareForSend(patScope(accountId), { url: `${base}/big.webp` }, 'sticker', 'sticker'), {
      code: 'MEDIA_TOO_LARGE',
    });
    await assert.rejects(media.prepareForSend(patScope(accountId), { url: `${base}/gone` }, 'document', 'document'), {
      code: 'MEDIA_FETCH_FAILED',
    });
    // A Location that is not a URL is the remote's fault (502), not ours (500).
    await assert.rejects(media.prepareForSend(patScope(accountId), { url: `${base}/bad-redirect` }, 'image', 'image'), {
      code: 'MEDIA_FETCH_FAILED',
    });
    // A document takes any type.
    assert.equal(
      (await media.prepareForSend(patScope(accountId), { url: `${base}/text` }, 'document', 'document')).mimetype,
      'text/html',
    );
  });

  test('decrypt: a Baileys-encrypted image is downloaded, verified and stored; a wrong key is refused', async () => {
    const { token } = await open.createAccount();
    const body = {
      type: 'image',
      url: `${base}/enc`,
      media_key: enc.mediaKey.toString('base64'),
      mimetype: 'image/png',
      file_sha256: enc.fileSha256.toString('base64'),
      file_enc_sha256: enc.fileEncSha256.toString('base64'),
    };
    const res = await open.request(token, 'POST', '/v1/media/decrypt', body);
    assert.equal(res.statusCode, 201, JSON.stringify(res.body));
    assert.equal(res.body.media.sha256, sha(PNG));
    assert.equal(res.body.media.mimetype, 'image/png');
    const file = await open.app.inject({ method: 'GET', url: new URL(res.body.media.url).pathname });
    assert.deepEqual(file.rawPayload, PNG);
    const wrongKey = await open.request(token, 'POST', '/v1/media/decrypt', {
      ...body,
      media_key: Buffer.alloc(32, 1).toString('base64'),
    });
    assert.equal(wrongKey.statusCode, 400);
    assert.equal(wrongKey.body.error.code, 'MEDIA_INTEGRITY_FAILED');
    const wrongType = await open.request(token, 'POST', '/v1/media/decrypt', { ...body, type: 'document' });
    assert.equal(wrongType.body.error.code, 'MEDIA_INTEGRITY_FAILED');
    const noUrl = await open.request(token, 'POST', '/v1/media/decrypt', { type: 'image', media_key: body.media_key });
    assert.equal(noUrl.statusCode, 400);
    assert.equal(noUrl.body.error.field, 'url');
    const guardedToken = (await guarded.createAccount()).token;
    const refused = await guarded.request(guardedToken, 'POST', '/v1/media/decrypt', body);
    assert.equal(refused.body.error.code, 'URL_NOT_ALLOWED');
    assert.match(refused.body.error.message, /WAGATE_ALLOW_PRIVATE_URLS=1/);
  });
});
