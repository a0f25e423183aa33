// Inbound media end to end: a simulated contact sends an image to a linked session through the
// simulator's HTTPS media host; wagate downloads it through Baileys' socket, checks MAC and hashes
// itself, stores it, links it to the message (GET /v1/messages/{id}/media), serves it at its public
// URL and announces it with messages.media. With download_media off nothing is fetched. The same
// message's media fields also work with POST /v1/media/decrypt.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { useLinkedSession, waitFor } from '../support/sim.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Baileys' BufferJSON form of a Buffer inside `raw` → base64. */
function b64(v: unknown): string {
  if (typeof v === 'string') return v;
  const data = (v as { data?: unknown } | null)?.data;
  if (typeof data === 'string') return data;
  if (Array.isArray(data)) return Buffer.from(data as number[]).toString('base64');
  throw new Error(`not a buffer: ${JSON.stringify(v)}`);
}

describe('inbound media through the simulator', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
    names: ['Media Me', 'Media Contact'],
    sessionName: 'media-in',
  });

  async function receive(body: Record<string, unknown>): Promise<{ id: string; kind: string }> {
    const sent = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      ...body,
    });
    return waitFor('the message to be stored', async () => {
      const list = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${ctx.sessionId}/messages?direction=in`);
      return (list.body.data as Array<{ id: string; wa_id: string; kind: string }>).find((m) => m.wa_id === sent.id);
    });
  }

  test('an image is downloaded, verified, stored, linked, served and announced', async () => {
    const message = await receive({
      image: { base64: PNG.toString('base64'), mimetype: 'image/png', caption: 'a dot' },
    });
    assert.equal(message.kind, 'image');
    const media = await waitFor('the media to be stored', async () => {
      const res = await ctx.t.request(ctx.token, 'GET', `/v1/messages/${message.id}/media`);
      return res.body.data?.[0];
    });
    assert.equal(media.sha256, sha(PNG));
    assert.equal(media.mimetype, 'image/png');
    assert.equal(media.size, PNG.length);
    const file = await ctx.t.app.inject({ method: 'GET', url: new URL(media.url).pathname });
    assert.deepEqual(file.rawPayload, PNG);
    const events = await ctx.t.request(ctx.token, 'GET', `/v1/events/history?session_id=${ctx.sessionId}&limit=500`);
    const announced = (events.body.data as Array<{ type: string; data: Record<string, unknown> }>).find(
      (e) => e.type === 'messages.media' && e.data.message_id === message.id,
    );
    assert.ok(announced, 'messages.media was appended');
    assert.equal(announced.data.sha256, sha(PNG));
    assert.equal(new URL(String(announced.data.url)).pathname, new URL(media.url).pathname);
  });

  test('decrypt-media with the fields of the received message gives the same file', async () => {
    const message = await receive({
      document: { base64: PDF.toString('base64'), mimetype: 'application/pdf', file_name: 'r.pdf' },
    });
    // The raw WhatsApp message as stored (protobuf JSON: bytes fields are base64 strings).
    type Media = Record<string, unknown>;
    const raw = (await ctx.t.container.store.messages.findByIdInternal(message.id))?.raw as {
      message: { documentMessage?: Media; documentWithCaptionMessage?: { message?: { documentMessage?: Media } } };
    };
    const msg = raw.message;
    const doc = msg.documentMessage ?? msg.documentWithCaptionMessage?.message?.documentMessage;
    assert.ok(doc, JSON.stringify(msg).slice(0, 300));
    const res = await ctx.t.request(ctx.token, 'POST', '/v1/media/decrypt', {
      type: 'document',
      url: doc.url,
      direct_path: doc.directPath,
      media_key: b64(doc.mediaKey),
      mimetype: doc.mimetype,
      file_sha256: b64(doc.fileSha256),
      file_enc_sha256: b64(doc.fileEncSha256),
      file_name: doc.fileName,
    });
    assert.equal(res.statusCode, 201, JSON.stringify(res.body));
    assert.equal(res.body.media.sha256, sha(PDF));
    assert.equal(res.body.media.mimetype, 'application/pdf');
    assert.equal(res.body.media.file_name, 'r.pdf');
  });

  test('with download_media off, the message is stored and no media is fetched', async () => {
    const s = await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${ctx.sessionId}/settings`, {
      download_media: false,
    });
    assert.equal(s.statusCode, 200, JSON.stringify(s.body));
    const message = await receive({ image: { base64: PNG.toString('base64'), mimetype: 'image/png' } });
    await ctx.t.container.media.inbound.idle();
    const res = await ctx.t.request(ctx.token, 'GET', `/v1/messages/${message.id}/media`);
    assert.deepEqual(res.body.data, []);
  });
});
