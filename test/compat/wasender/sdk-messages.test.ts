// Issue 13, messages: the official `wasenderapi` SDK (unmodified) sends every kind through
// /wasender/api/send-message against a session linked to the simulator, and the simulated
// contact's inbox shows each one with the right content; then edit, info, delete, resend's refusal,
// presence, on-whatsapp, upload and decrypt-media; errors 422 (errors.to) and 429 (retry_after).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createWasender, WasenderAPIError, type Wasender } from 'wasenderapi';
import { useLinkedSession, waitFor } from '../../support/sim.js';

const sdkFetch = (url: string, init?: RequestInit) => fetch(url, init);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const FILES: Record<string, { type: string; body: Buffer }> = {
  '/dot.png': {
    type: 'image/png',
    body: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    ),
  },
  '/clip.mp4': {
    type: 'video/mp4',
    body: Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypmp42'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mp42isom'),
      Buffer.alloc(256, 1),
    ]),
  },
  '/voice.ogg': {
    type: 'audio/ogg',
    body: Buffer.concat([
      Buffer.from('OggS'),
      Buffer.from([0, 2]),
      Buffer.alloc(20, 0),
      Buffer.from([1, 19]),
      Buffer.from('OpusHead'),
      Buffer.from([1, 1, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 0]),
      Buffer.alloc(200, 3),
    ]),
  },
  '/report.pdf': {
    type: 'application/pdf',
    body: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  },
  '/s.webp': {
    type: 'image/webp',
    body: Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([0x24, 0, 0, 0]),
      Buffer.from('WEBPVP8 '),
      Buffer.alloc(40, 7),
    ]),
  },
};

interface InboxItem {
  id: string;
  from: string;
  type: string;
  text?: string;
  media?: { mimetype?: string; sha256?: string; size?: number; file_name?: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contacts?: Array<{ name: string; phone: string }>;
  poll?: { question: string; options: string[]; multi_select: boolean };
  quoted?: { id: string };
  view_once?: true;
  edited_text?: string;
  revoked?: true;
}

describe('wasender compat: the SDK sends every kind and acts on messages', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
    names: ['Wasender Sender', 'Wasender Contact'],
    sessionName: 'wasender-msgs',
    settings: { account_protection: false },
  });
  let files: Server;
  let fileBase = '';
  let base = '';
  let sessionSeq = 0;
  let apiKey = '';
  let sdk: Wasender;

  before(async () => {
    files = createServer((req, res) => {
      const f = FILES[req.url ?? ''];
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': f.type, 'content-length': f.body.length });
      res.end(f.body);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const fa = files.address();
    assert.ok(fa && typeof fa === 'object');
    fileBase = `http://127.0.0.1:${fa.port}`;
    await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = ctx.t.app.server.address();
    assert.ok(addr && typeof addr === 'object');
    base = `http://127.0.0.1:${addr.port}/wasender/api`;
    // The PAT finds the /v1-created session by its name and issues its api_key.
    const pat = createWasender(undefined, ctx.token, base, sdkFetch, { enabled: false });
    const all = await pat.getAllWhatsAppSessions();
    const mine = all.response.data.find((s: { name: string }) => s.name === 'wasender-msgs');
    assert.ok(mine, JSON.stringify(all.response.data));
    sessionSeq = mine.id;
    apiKey = ((await pat.regenerateApiKey(sessionSeq)).response as { api_key: string }).api_key;
    sdk = createWasender(apiKey, undefined, base, sdkFetch, { enabled: false });
  });
  after(async () => {
    await new Promise((resolve) => files?.close(resolve));
  });

  const to = () => `+${ctx.contact.phone}`;

  /** The message's WhatsApp id once sent (from message info), then the contact's inbox item. */
  async function delivered(msgId: number, what: string): Promise<InboxItem> {
    assert.equal(typeof msgId, 'number');
    const waId = await waitFor(
      `${what} to be sent`,
      async () => {
        const info = (await sdk.getMessageInfo(msgId)).response.data as { id: string; status: number; msgId: number };
        assert.equal(info.msgId, msgId);
        if (info.status === 0) throw new Error(`${what} failed`);
        return info.status >= 2 ? info.id : undefined;
      },
      30_000,
    );
    return waitFor(
      `the contact to receive ${what}`,
      async () => {
        const inbox = await ctx.sim.control<InboxItem[]>('GET', `/sim/accounts/${ctx.contact.phone}/inbox`);
        const item = inbox.find((i) => i.id === waId);
        return item && (!item.media || item.media.sha256) ? item : undefined;
      },
      30_000,
    );
  }

  const msgIdOf = (r: { response: unknown }) => {
    const data = (r.response as { data: { msgId: number; jid: string; status: string } }).data;
    assert.equal(data.status, 'in_progress');
    return data.msgId;
  };

  test('every send helper: text, image, video, document, audio, sticker, contact, location, poll, reply, view-once', async () => {
    const text = await sdk.sendText({ to: to(), text: 'hello from the wasender sdk' });
    const textData = (text.response as unknown as { data: { jid: string } }).data;
    assert.equal(textData.jid, to(), 'jid echoes `to` as given');
    const textId = msgIdOf(text);
    const t1 = await delivered(textId, 'the text');
    assert.equal(t1.type, 'text');
    assert.equal(t1.text, 'hello from the wasender sdk');

    const img = await delivered(
      msgIdOf(await sdk.sendImage({ to: to(), imageUrl: `${fileBase}/dot.png`, text: 'a dot' })),
      'the image',
    );
    assert.equal(img.type, 'image');
    assert.equal(img.text, 'a dot');
    assert.equal(img.media?.sha256, sha(FILES['/dot.png']!.body));

    const vid = await delivered(msgIdOf(await sdk.sendVideo({ to: to(), videoUrl: `${fileBase}/clip.mp4` })), 'video');
    assert.equal(vid.type, 'video');
    assert.equal(vid.media?.sha256, sha(FILES['/clip.mp4']!.body));

    const doc = await delivered(
      msgIdOf(
        await sdk.sendDocument({ to: to(), documentUrl: `${fileBase}/report.pdf`, fileName: 'q3.pdf' } as Parameters<
          Wasender['sendDocument']
        >[0]),
      ),
      'the document',
    );
    assert.equal(doc.type, 'document');
    assert.equal(doc.media?.file_name, 'q3.pdf');
    assert.equal(doc.media?.sha256, sha(FILES['/report.pdf']!.body));

    const audio = await delivered(
      msgIdOf(await sdk.sendAudio({ to: to(), audioUrl: `${fileBase}/voice.ogg` })),
      'audio',
    );
    assert.equal(audio.type, 'ptt', 'audio is always a voice note');
    assert.equal(audio.media?.sha256, sha(FILES['/voice.ogg']!.body));

    const sticker = await delivered(
      msgIdOf(await sdk.sendSticker({ to: to(), stickerUrl: `${fileBase}/s.webp` })),
      'the sticker',
    );
    assert.equal(sticker.type, 'sticker');

    const card = await delivered(
      msgIdOf(await sdk.sendContact({ to: to(), contact: { name: 'Ann Lee', phone: '+15550001111' } })),
      'the contact card',
    );
    assert.equal(card.type, 'contact');
    assert.equal(card.contacts?.[0]?.name, 'Ann Lee');
    assert.equal(card.contacts?.[0]?.phone, '15550001111');

    // String coordinates: the SDK converts them, a plain HTTP client may not; both are accepted.
    const loc = await delivered(
      msgIdOf(
        await sdk.sendLocation({
          to: to(),
          location: { latitude: '48.8584', longitude: '2.2945', name: 'Eiffel Tower', address: 'Paris' },
        }),
      ),
      'the location',
    );
    assert.deepEqual(loc.location, { latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Paris' });
    const raw = await fetch(`${base}/send-message`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: to(), location: { latitude: '1.5', longitude: '-2.25' } }),
    });
    const rawBody = (await raw.json()) as { data: { msgId: number } };
    assert.equal(raw.status, 200, JSON.stringify(rawBody));
    const loc2 = await delivered(rawBody.data.msgId, 'the string-coordinates location');
    assert.equal(loc2.location?.latitude, 1.5);
    assert.equal(loc2.location?.longitude, -2.25);

    const poll = await delivered(
      msgIdOf(
        await sdk.send({
          to: to(),
          poll: { question: 'Lunch?', options: ['Pizza', 'Sushi'], multiSelect: true },
        } as unknown as Parameters<Wasender['send']>[0]),
      ),
      'the poll',
    );
    assert.deepEqual(poll.poll, { question: 'Lunch?', options: ['Pizza', 'Sushi'], multi_select: true });

    const reply = await delivered(
      msgIdOf(await sdk.sendQuotedMessage({ to: to(), text: 'a reply', replyTo: textId })),
      'the reply',
    );
    assert.equal(reply.text, 'a reply');
    assert.equal(reply.quoted?.id, t1.id, 'quotes the first text by its WhatsApp id');

    const once = await delivered(
      msgIdOf(await sdk.sendImage({ to: to(), imageUrl: `${fileBase}/dot.png`, viewOnce: true })),
      'the view-once image',
    );
    assert.equal(once.view_once, true);
  });

  test('edit, info, delete, resend refusal, presence, on-whatsapp', async () => {
    const msgId = msgIdOf(await sdk.sendText({ to: to(), text: 'before the edit' }));
    const item = await delivered(msgId, 'the text to edit');
    const info = (await sdk.getMessageInfo(msgId)).response.data as Record<string, unknown>;
    assert.equal(info['id'], item.id);
    assert.deepEqual(info['key'], { id: item.id, fromMe: true, remoteJid: `${ctx.contact.phone}@s.whatsapp.net` });
    assert.deepEqual(info['message'], { conversation: 'before the edit' });
    assert.match(String(info['messageTimestamp']), /^\d{10}$/);

    const edited = await sdk.editMessage(msgId, 'after the edit');
    const editData = (edited.response as unknown as { data: { msgId: number; message: { protocolMessage: unknown } } })
      .data;
    assert.equal(editData.msgId, msgId);
    assert.deepEqual((editData.message.protocolMessage as { editedMessage: unknown }).editedMessage, {
      extendedTextMessage: { text: 'after the edit' },
    });
    await waitFor('the contact to see the edit', async () => {
      const inbox = await ctx.sim.control<InboxItem[]>('GET', `/sim/accounts/${ctx.contact.phone}/inbox`);
      return inbox.find((i) => i.id === item.id)?.edited_text === 'after the edit';
    });

    const deleted = await sdk.deleteMessage(msgId);
    assert.equal(deleted.response.message, 'Message deleted successfully.');
    await waitFor('the contact to see the deletion', async () => {
      const inbox = await ctx.sim.control<InboxItem[]>('GET', `/sim/accounts/${ctx.contact.phone}/inbox`);
      return inbox.find((i) => i.id === item.id)?.revoked === true;
    });

    // Only failed messages can be resent.
    const resend = await fetch(`${base}/messages/${msgId}/resend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    assert.equal(resend.status, 400);
    assert.equal(((await resend.json()) as { success: boolean }).success, false);

    await assert.rejects(sdk.getMessageInfo(999_999_999), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 404);
      return true;
    });

    const presence = await sdk.sendPresenceUpdate(`${ctx.contact.phone}@s.whatsapp.net`, 'composing', 500);
    assert.deepEqual((presence.response as unknown as { data: unknown }).data, {
      jid: `${ctx.contact.phone}@s.whatsapp.net`,
      type: 'composing',
    });
    const on = await sdk.checkIfOnWhatsapp(`+${ctx.contact.phone}`);
    assert.deepEqual((on.response as unknown as { data: unknown }).data, { exists: true });
    assert.equal(on.rateLimit?.limit, 60, 'number checks: 60 a minute');
    assert.ok((on.rateLimit?.remaining ?? 60) < 60);
    const off = await sdk.checkIfOnWhatsapp('+15559999999999');
    assert.deepEqual((off.response as unknown as { data: unknown }).data, { exists: false });
  });

  test('upload (JSON base64 and raw) gives a public URL of the same bytes; decrypt-media of a received image', async () => {
    const png = FILES['/dot.png']!.body;
    const up = await sdk.uploadMediaFile({ base64: `data:image/png;base64,${png.toString('base64')}` });
    const publicUrl = (up.response as unknown as { publicUrl: string }).publicUrl;
    assert.ok(publicUrl);
    assert.deepEqual(Buffer.from(await (await fetch(publicUrl)).arrayBuffer()), png);
    const raw = await fetch(`${base}/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/pdf' },
      body: FILES['/report.pdf']!.body,
    });
    const rawBody = (await raw.json()) as { success: boolean; publicUrl: string };
    assert.equal(raw.status, 200, JSON.stringify(rawBody));
    assert.deepEqual(Buffer.from(await (await fetch(rawBody.publicUrl)).arrayBuffer()), FILES['/report.pdf']!.body);

    // The contact sends us an image; its message as message info shows it is the webhook's `message`.
    const sent = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      image: { base64: png.toString('base64'), mimetype: 'image/png', caption: 'from the contact' },
    });
    const inbound = await waitFor('the image to be stored', async () => {
      const list = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${ctx.sessionId}/messages?direction=in`);
      return (list.body.data as Array<{ id: string; wa_id: string; seq?: number }>).find((m) => m.wa_id === sent.id);
    });
    const stored = await ctx.t.container.services.messages.get(
      await ctx.t.container.services.tokens.authenticate(apiKey),
      inbound.id,
    );
    const info = (await sdk.getMessageInfo(stored.seq)).response.data as { key: unknown; message: unknown };
    const dec = await sdk.decryptMediaFile({ messages: { key: info.key, message: info.message } });
    const decUrl = (dec.response as unknown as { publicUrl: string }).publicUrl;
    assert.deepEqual(Buffer.from(await (await fetch(decUrl)).arrayBuffer()), png);

    await assert.rejects(
      sdk.decryptMediaFile({ messages: { key: { id: 'x' }, message: { conversation: 'hi' } } }),
      (err) => {
        assert.ok(err instanceof WasenderAPIError);
        assert.equal(err.statusCode, 422);
        return true;
      },
    );
  });

  test('errors: empty `to` → 422 errors.to; account protection → 429 with retry_after and X-RateLimit-*', async () => {
    await assert.rejects(sdk.sendText({ to: '', text: 'x' }), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 422);
      assert.ok(err.errorDetails && Array.isArray(err.errorDetails['to']), JSON.stringify(err.errorDetails));
      return true;
    });
    await assert.rejects(sdk.send({ to: to() } as Parameters<Wasender['send']>[0]), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 422);
      assert.deepEqual(err.errorDetails?.['text'], ['The text field is required when no media is present.']);
      return true;
    });

    const pat = createWasender(undefined, ctx.token, base, sdkFetch, { enabled: false });
    await pat.updateWhatsAppSession(sessionSeq, { account_protection: true });
    const first = await sdk.sendText({ to: to(), text: 'protected 1' });
    assert.equal(first.rateLimit?.limit, 1);
    assert.equal(first.rateLimit?.remaining, 0);
    const reset = first.rateLimit?.resetTimestamp ?? 0;
    assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 6, `reset ${reset} is epoch seconds`);
    await assert.rejects(sdk.sendText({ to: to(), text: 'protected 2' }), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 429);
      assert.ok(err.retryAfter && err.retryAfter >= 1 && err.retryAfter <= 5, String(err.retryAfter));
      assert.match(err.apiMessage, /account protection/);
      return true;
    });
    await pat.updateWhatsAppSession(sessionSeq, { account_protection: false });
  });
});
