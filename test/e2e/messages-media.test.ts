// Issue 5, media kinds end to end: files uploaded with POST /v1/media (or fetched from a URL) are
// sent as image, video, audio, voice note, document and sticker, and view-once; real Baileys
// encrypts and uploads them to the simulator's media host, and the simulated contact downloads and
// decrypts each one: its inbox item's `media: {mimetype, sha256, size}` equals the upload's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useLinkedSession, waitFor } from '../support/sim.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(40, 7),
]);
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypmp42'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mp42isom'),
  Buffer.alloc(256, 1),
]);
const OGG = Buffer.concat([
  Buffer.from('OggS'),
  Buffer.from([0, 2]),
  Buffer.alloc(20, 0),
  Buffer.from([1, 19]),
  Buffer.from('OpusHead'),
  Buffer.from([1, 1, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 0]),
  Buffer.alloc(200, 3),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface InboxItem {
  id: string;
  type: string;
  text?: string;
  media?: { mimetype?: string; sha256?: string; size?: number; file_name?: string; error?: string };
  view_once?: true;
}

interface Uploaded {
  id: string;
  mimetype: string;
  size: number;
  sha256: string;
}

describe('media kinds through the simulator', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
    names: ['Media Sender', 'Media Contact'],
    sessionName: 'media',
    settings: { account_protection: false },
  });
  let files: Server;

  before(async () => {
    // A local file host for sending by URL (private addresses are allowed in this test).
    files = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length });
      res.end(PNG);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await new Promise((resolve) => files?.close(resolve));
  });

  async function upload(data: Buffer, mimetype: string, fileName: string): Promise<Uploaded> {
    const res = await ctx.t.request(ctx.token, 'POST', '/v1/media', {
      base64: data.toString('base64'),
      mimetype,
      file_name: fileName,
    });
    assert.equal(res.statusCode, 201, JSON.stringify(res.body));
    return res.body.media;
  }

  async function sendAndReceive(
    body: Record<string, unknown>,
  ): Promise<{ item: InboxItem; message: Record<string, unknown> }> {
    const res = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${ctx.sessionId}/messages`, {
      to: `+${ctx.contact.phone}`,
      ...body,
    });
    assert.equal(res.statusCode, 202, JSON.stringify(res.body));
    const message = await waitFor(
      'the media message to be sent',
      async () => {
        const m = (await ctx.t.request(ctx.token, 'GET', `/v1/messages/${res.body.message.id}`)).body.message;
        if (m.status === 'failed') throw new Error(`failed: ${m.error}`);
        return m.wa_id && !['queued', 'sending'].includes(m.status) ? m : undefined;
      },
      30_000,
    );
    const item = await waitFor(
      'the ctx.contact to download and decrypt it',
      async () => {
        const inbox = await ctx.sim.control<InboxItem[]>('GET', `/sim/accounts/${ctx.contact.phone}/inbox`);
        return inbox.find((i) => i.id === message.wa_id && i.media?.sha256);
      },
      30_000,
    );
    return { item, message };
  }

  function assertSameFile(item: InboxItem, up: Uploaded): void {
    assert.equal(item.media?.error, undefined);
    assert.equal(item.media?.sha256, up.sha256, 'the ctx.contact decrypted the bytes we uploaded');
    assert.equal(item.media?.size, up.size);
  }

  test('image with caption, by media id', async () => {
    const up = await upload(PNG, 'image/png', 'dot.png');
    const { item, message } = await sendAndReceive({ image: { media_id: up.id, caption: 'a tiny dot' } });
    assert.equal(item.type, 'image');
    assert.equal(item.text, 'a tiny dot');
    assert.equal(item.media?.mimetype, 'image/png');
    assertSameFile(item, up);
    assert.deepEqual((message['content'] as { image: { media_id: string } }).image.media_id, up.id);
  });

  test('image by URL (fetched at accept time)', async () => {
    const { port } = files.address() as AddressInfo;
    const { item } = await sendAndReceive({ image: { url: `http://127.0.0.1:${port}/dot.png` } });
    assert.equal(item.type, 'image');
    assert.equal(item.media?.size, PNG.length);
  });

  test('view-once image', async () => {
    const up = await upload(PNG, 'image/png', 'once.png');
    const { item } = await sendAndReceive({ image: { media_id: up.id }, view_once: true });
    assert.equal(item.type, 'image');
    assert.equal(item.view_once, true);
    assertSameFile(item, up);
  });

  test('video with caption', async () => {
    const up = await upload(MP4, 'video/mp4', 'clip.mp4');
    const { item } = await sendAndReceive({ video: { media_id: up.id, caption: 'watch' } });
    assert.equal(item.type, 'video');
    assert.equal(item.text, 'watch');
    assertSameFile(item, up);
  });

  test('audio file, then a voice note', async () => {
    // Claim nothing: the server decides the type by the OGG/Opus magic numbers.
    const up = await upload(OGG, 'application/octet-stream', 'sound.ogg');
    const file = await sendAndReceive({ audio: { media_id: up.id } });
    assert.equal(file.item.type, 'audio');
    assertSameFile(file.item, up);
    const voice = await sendAndReceive({ audio: { media_id: up.id, voice: true } });
    assert.equal(voice.item.type, 'ptt');
    assertSameFile(voice.item, up);
  });

  test('document with file name and caption', async () => {
    const up = await upload(PDF, 'application/pdf', 'report.pdf');
    const { item } = await sendAndReceive({
      document: { media_id: up.id, file_name: 'Q3 report.pdf', caption: 'the numbers' },
    });
    assert.equal(item.type, 'document');
    assert.equal(item.media?.file_name, 'Q3 report.pdf');
    assert.equal(item.media?.mimetype, 'application/pdf');
    assert.equal(item.text, 'the numbers');
    assertSameFile(item, up);
  });

  test('sticker (webp)', async () => {
    const up = await upload(WEBP, 'image/webp', 's.webp');
    const { item } = await sendAndReceive({ sticker: { media_id: up.id } });
    assert.equal(item.type, 'sticker');
    assert.equal(item.media?.mimetype, 'image/webp');
    assertSameFile(item, up);
  });

  test('a PNG is refused as a sticker and unknown media ids are refused, naming the field', async () => {
    const up = await upload(PNG, 'image/png', 'not-a-sticker.png');
    const res = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${ctx.sessionId}/messages`, {
      to: `+${ctx.contact.phone}`,
      sticker: { media_id: up.id },
    });
    assert.equal(res.statusCode, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.field, 'sticker.media_id');
    const unknown = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${ctx.sessionId}/messages`, {
      to: `+${ctx.contact.phone}`,
      image: { media_id: 'med_00000000000000000000000000000000' },
    });
    assert.equal(unknown.statusCode, 404, JSON.stringify(unknown.body));
    assert.equal(unknown.body.error.code, 'MEDIA_NOT_FOUND');
  });
});
