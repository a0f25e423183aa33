// Issue 12, pictures from a URL: our own profile picture and a group's picture set from an http(s)
// URL that wagate fetches through the same guarded media fetcher as a send's media URL, each seen on
// the simulated side. Errors name `picture.url`: not a picture, unreachable, a bad URL; another
// account's token on this session is a 404 (and fetches nothing).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { useLinkedSession } from '../support/sim.js';

describe('pictures from a URL', () => {
  const ctx = useLinkedSession({
    // The file host below listens on 127.0.0.1.
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    names: ['Url Picture Me', 'Url Picture Member'],
    sessionName: 'picture-url',
  });
  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, token = ctx.token) =>
    ctx.t.request(token, method, `/v1/sessions/${ctx.sessionId}${path}`, body);
  const profileOf = (phone: string) =>
    ctx.sim.control<{ picture_url?: string }>('GET', `/sim/accounts/${phone}/profile`);
  let files: Server;
  let base = '';
  let fetched = 0;

  before(async () => {
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#cc3366' } })
      .png()
      .toBuffer();
    files = createServer((req, res) => {
      fetched++;
      if (req.url === '/me.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        res.end(png);
      } else if (req.url === '/note.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('not a picture');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const address = files.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  after(async () => {
    await new Promise((resolve) => files?.close(resolve));
  });

  test('our profile picture from a URL reaches WhatsApp', async () => {
    await api('PATCH', '/profile', { picture: null });
    assert.ok(!(await profileOf(ctx.me.phone)).picture_url);
    const before = fetched;
    const set = await api('PATCH', '/profile', { picture: { url: `${base}/me.png` } });
    assert.equal(set.statusCode, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.updated, ['picture']);
    assert.equal(fetched, before + 1, 'wagate fetched the URL once');
    assert.ok((await profileOf(ctx.me.phone)).picture_url, 'the phone side has our picture');
  });

  test('a group picture from a URL, as members see it', async () => {
    const created = await api('POST', '/groups', { subject: 'Pictured', participants: [`+${ctx.contact.phone}`] });
    assert.equal(created.statusCode, 201, JSON.stringify(created.body));
    const groupId: string = created.body.group.id;
    assert.equal((await api('GET', `/contacts/${groupId}/picture`)).body.url, null);
    const set = await api('PATCH', `/groups/${groupId}`, { picture: { url: `${base}/me.png` } });
    assert.equal(set.statusCode, 200, JSON.stringify(set.body));
    const seen = await api('GET', `/contacts/${groupId}/picture`);
    assert.ok(seen.body.url, 'the group has a picture');
    const notPicture = await api('PATCH', `/groups/${groupId}`, { picture: { url: `${base}/note.txt` } });
    assert.equal(notPicture.statusCode, 400, JSON.stringify(notPicture.body));
    assert.equal(notPicture.body.error.field, 'picture.url');
  });

  test('errors name picture.url: not a picture, unreachable, not http(s), two sources at once', async () => {
    const notPicture = await api('PATCH', '/profile', { picture: { url: `${base}/note.txt` } });
    assert.equal(notPicture.statusCode, 400, JSON.stringify(notPicture.body));
    assert.equal(notPicture.body.error.field, 'picture.url');
    const missing = await api('PATCH', '/profile', { picture: { url: `${base}/gone.png` } });
    assert.equal(missing.statusCode, 502, JSON.stringify(missing.body));
    assert.equal(missing.body.error.code, 'MEDIA_FETCH_FAILED');
    assert.equal(missing.body.error.field, 'picture.url');
    const ftp = await api('PATCH', '/profile', { picture: { url: 'ftp://example.com/a.png' } });
    assert.equal(ftp.statusCode, 400, JSON.stringify(ftp.body));
    assert.equal(ftp.body.error.field, 'picture.url');
    const both = await api('PATCH', '/profile', { picture: { url: `${base}/me.png`, base64: 'eA==' } });
    assert.equal(both.statusCode, 400);
  });

  test("another account's token on this session is a 404 and changes nothing", async () => {
    await api('PATCH', '/profile', { picture: null });
    const stranger = await ctx.t.createAccount();
    const before = fetched;
    const res = await api('PATCH', '/profile', { picture: { url: `${base}/me.png` } }, stranger.token);
    assert.equal(res.statusCode, 404, JSON.stringify(res.body));
    assert.equal(fetched, before, 'nothing fetched for a session the caller does not hold');
    assert.ok(!(await profileOf(ctx.me.phone)).picture_url);
  });

  test('openapi shows the url form', async () => {
    const doc = await ctx.t.request(ctx.token, 'GET', '/openapi.json');
    assert.match(JSON.stringify(doc.body.paths['/v1/sessions/{id}/profile']), /"url"/);
    assert.match(JSON.stringify(doc.body.paths['/v1/sessions/{id}/groups/{group_id}']), /"url"/);
  });
});
