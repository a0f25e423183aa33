// Issue 13, webhooks: a session's webhook_url / webhook_enabled / webhook_events set through the
// vendor's session update are delivered by wagate's durable dispatcher to a real loopback receiver,
// in the vendor's shapes, with X-Webhook-Signature = the session's webhook_secret; the official SDK's
// handleWebhookEvent accepts each delivery (and refuses a wrong secret). A refused delivery is retried.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createWasender, WasenderAPIError } from 'wasenderapi';
import { useLinkedSession, waitFor } from '../../support/sim.js';

const sdkFetch = (url: string, init?: RequestInit) => fetch(url, init);

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  json: { event: string; timestamp?: number; sessionId?: string; data: Record<string, unknown> };
}

describe('wasender compat: per-session webhooks reach a receiver the SDK verifies', () => {
  const ctx = useLinkedSession({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    names: ['Hook Me', 'Hook Contact'],
    sessionName: 'wasender-hooks',
    settings: { account_protection: false },
  });
  let receiver: Server;
  let hookUrl = '';
  let base = '';
  const deliveries: Delivery[] = [];
  let refuseNext = 0;

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        deliveries.push({ headers: req.headers, body, json: JSON.parse(body) as Delivery['json'] });
        if (refuseNext > 0) {
          refuseNext--;
          res.writeHead(500).end('not now');
        } else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const ra = receiver.address();
    assert.ok(ra && typeof ra === 'object');
    hookUrl = `http://127.0.0.1:${ra.port}/hook`;
    ctx.t.container.webhooks.start();
    await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = ctx.t.app.server.address();
    assert.ok(addr && typeof addr === 'object');
    base = `http://127.0.0.1:${addr.port}/wasender/api`;
  });
  after(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const find = (pred: (d: Delivery) => boolean, what: string) =>
    waitFor(what, async () => deliveries.find(pred), 20_000);

  test('configure, receive, verify with the SDK; message.sent and messages.update; retries; disable', async () => {
    const pat = createWasender(undefined, ctx.token, base, sdkFetch, { enabled: false });
    const mine = (await pat.getAllWhatsAppSessions()).response.data.find(
      (s: { name: string }) => s.name === 'wasender-hooks',
    );
    assert.ok(mine);
    const updated = await pat.updateWhatsAppSession(mine.id, {
      webhook_url: hookUrl,
      webhook_enabled: true,
      webhook_events: ['messages.received', 'message.sent', 'messages.update'],
    } as Parameters<typeof pat.updateWhatsAppSession>[1]);
    const session = updated.response.data as unknown as Record<string, unknown>;
    assert.equal(session['webhook_url'], hookUrl);
    assert.equal(session['webhook_enabled'], true);
    assert.deepEqual(session['webhook_events'], ['messages.received', 'message.sent', 'messages.update']);
    const secret = String(session['webhook_secret']);
    assert.match(secret, /^[0-9a-f]{32}$/);
    // GET echoes the same configuration; a wrong event name is a 422 naming webhook_events.
    const details = (await pat.getWhatsAppSessionDetails(mine.id)).response.data as unknown as Record<string, unknown>;
    assert.equal(details['webhook_secret'], secret);
    await assert.rejects(
      pat.updateWhatsAppSession(mine.id, { webhook_events: ['nope.event'] } as Parameters<
        typeof pat.updateWhatsAppSession
      >[1]),
      (err: unknown) => {
        assert.ok(err instanceof WasenderAPIError);
        assert.equal(err.statusCode, 422);
        assert.ok(err.errorDetails?.['webhook_events']);
        return true;
      },
    );

    // An incoming message: refused once (500), then retried by the dispatcher and accepted.
    refuseNext = 1;
    await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      text: 'hello webhook',
    });
    const received = await find((d) => d.json.event === 'messages.received', 'messages.received');
    assert.equal(received.headers['x-webhook-signature'], secret);
    assert.equal(typeof received.json.timestamp, 'number');
    assert.ok((received.json.timestamp ?? 0) < 1e11, 'seconds, not milliseconds');
    const msgs = received.json.data['messages'] as {
      key: Record<string, unknown>;
      messageBody: string;
      message: Record<string, unknown>;
    };
    assert.ok(!Array.isArray(msgs), 'a single object on messages.received');
    assert.equal(msgs.messageBody, 'hello webhook');
    assert.equal(msgs.key['fromMe'], false);
    assert.equal(msgs.key['cleanedSenderPn'], ctx.contact.phone);
    assert.equal(msgs.key['senderPn'], `${ctx.contact.phone}@s.whatsapp.net`);
    assert.equal(msgs.key['senderLid'], ctx.contact.lid.includes('@') ? ctx.contact.lid : `${ctx.contact.lid}@lid`);
    const text = msgs.message['conversation'] ?? (msgs.message['extendedTextMessage'] as { text?: string })?.text;
    assert.equal(text, 'hello webhook');
    await waitFor(
      'the refused delivery to be retried',
      async () => deliveries.filter((d) => d.body === received.body).length >= 2,
      20_000,
    );

    const verifier = createWasender(undefined, ctx.token, base, sdkFetch, { enabled: false }, secret);
    const asRequest = (d: Delivery) => ({
      getHeader: (name: string) => {
        const v = d.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      },
      getRawBody: () => d.body,
    });
    const parsed = await verifier.handleWebhookEvent(asRequest(received));
    assert.equal(parsed.event, 'messages.received');
    const wrong = createWasender(undefined, ctx.token, base, sdkFetch, { enabled: false }, 'another-secret');
    await assert.rejects(wrong.handleWebhookEvent(asRequest(received)), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 401);
      return true;
    });

    // Our send: message.sent, then messages.update with a status number (ms timestamp, sessionId).
    const key = ((await pat.regenerateApiKey(mine.id)).response as { api_key: string }).api_key;
    const sdk = createWasender(key, undefined, base, sdkFetch, { enabled: false });
    await sdk.sendText({ to: `+${ctx.contact.phone}`, text: 'out we go' });
    const sent = await find(
      (d) =>
        d.json.event === 'message.sent' &&
        (d.json.data['message'] as { conversation?: string } | undefined)?.conversation === 'out we go',
      'message.sent',
    );
    assert.equal(sent.json.data['success'], true);
    const sentKey = sent.json.data['key'] as { id: string; fromMe: boolean };
    assert.equal(sentKey.fromMe, true);
    const update = await find(
      (d) => d.json.event === 'messages.update' && (d.json.data['key'] as { id: string }).id === sentKey.id,
      'messages.update',
    );
    assert.ok(Number.isInteger((update.json.data['update'] as { status: number }).status));
    assert.ok((update.json.timestamp ?? 0) > 1e12, 'milliseconds on messages.update');
    assert.equal(update.json.sessionId, String(mine.id));
    assert.equal((await verifier.handleWebhookEvent(asRequest(update))).event, 'messages.update');
    for (const d of deliveries) assert.equal(d.headers['x-webhook-signature'], secret);

    // Disabled: nothing more is delivered.
    await pat.updateWhatsAppSession(mine.id, { webhook_enabled: false } as Parameters<
      typeof pat.updateWhatsAppSession
    >[1]);
    const before = deliveries.length;
    await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, { to: ctx.me.phone, text: 'quiet' });
    await waitFor('the message to be stored', async () => {
      const list = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${ctx.sessionId}/messages?direction=in`);
      return (list.body.data as Array<{ text: string }>).some((m) => m.text === 'quiet');
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(deliveries.slice(before).filter((d) => d.body.includes('quiet')).length, 0);
  });
});
