// Issue 6, end to end with the engine: a simulated contact's message becomes a signed webhook
// delivery (verified with the standardwebhooks library); our message's delivered and read statuses,
// and a failed send, produce their events; the session settings filter what is delivered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { createTestApp, type TestApp } from '../support/harness.js';
import { startReceiver, type ReceivedRequest, type Receiver } from '../support/receiver.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, type TestSim } from '../support/sim.js';

interface Delivered {
  type: string;
  data: Record<string, unknown>;
}

const body = (r: ReceivedRequest) => r.json as Delivered;

describe('webhooks from the engine through the simulator', () => {
  let sim: TestSim;
  let receiver: Receiver;
  let t: TestApp;
  let token: string;

  before(async () => {
    sim = await startTestSim();
    receiver = await startReceiver();
    // The receiver is on loopback, which webhooks refuse unless allowed.
    t = await createTestApp({
      env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
      overrides: { waWebSocketUrl: sim.handle.wsUrl },
    });
    t.container.webhooks.start();
    ({ token } = await t.createAccount());
  });
  after(async () => {
    await t?.close();
    await receiver?.close();
    await sim?.close();
  });

  test('inbound message → signed delivery; delivered and read → status events', async () => {
    const sub = await t.request(token, 'POST', '/v1/webhooks', { url: receiver.url });
    assert.equal(sub.statusCode, 201, JSON.stringify(sub.body));
    const secret: string = sub.body.webhook?.secret ?? sub.body.secret;
    assert.ok(secret, 'the secret is returned on creation');

    const me = await sim.account(testPhone(), 'Hooked');
    const contact = await sim.account(testPhone(), 'Hook Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);

    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'webhook me' });
    await receiver.waitFor((rs) => rs.some((r) => body(r)?.type === 'messages.received'), 20_000);
    const delivery = receiver.requests.find((r) => body(r)?.type === 'messages.received')!;
    const verified = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as Delivered;
    assert.equal(verified.type, 'messages.received');
    const message = (
      verified.data as { message: { text: string; sender: { phone: string; lid: string | null }; chat_type: string } }
    ).message;
    assert.equal(message.text, 'webhook me');
    assert.equal(message.chat_type, 'personal');
    assert.equal(message.sender.phone, contact.phone, 'the payload names the sender by phone number');
    assert.ok(message.sender.lid?.endsWith('@lid'), 'and by LID');

    const sent = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: contact.phone,
      text: 'status events please',
    });
    const messageId: string = sent.body.message.id;
    const statusOf = (status: string) => (rs: ReceivedRequest[]) =>
      rs.some(
        (r) =>
          body(r)?.type === 'messages.status' &&
          (body(r).data as { message_id: string; status: string }).message_id === messageId &&
          (body(r).data as { status: string }).status === status,
      );
    await receiver.waitFor(statusOf('delivered'), 20_000);
    const inboxItem = await waitFor('the text at the contact', async () => {
      const inbox = await sim.control<{ id: string; text?: string }[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.find((m) => m.text === 'status events please');
    });
    await sim.control('POST', `/sim/accounts/${contact.phone}/receipts`, { id: inboxItem.id, type: 'read' });
    await receiver.waitFor(statusOf('read'), 20_000);
    assert.ok(
      receiver.requests.some(
        (r) =>
          body(r)?.type === 'messages.sent' && (body(r).data as { message: { id: string } }).message.id === messageId,
      ),
    );
  });

  test('ignore_groups etc. filter events; a message that cannot be sent produces messages.failed', async () => {
    const me = await sim.account(testPhone(), 'Filtered');
    const contact = await sim.account(testPhone(), 'Filter Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    const before = receiver.requests.length;
    // Every session event still flows; personal messages are not filtered by ignore_groups.
    await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, {
      ignore_groups: true,
      ignore_channels: true,
      ignore_broadcasts: true,
    });
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'still personal' });
    await receiver.waitFor((rs) => rs.slice(before).some((r) => body(r)?.type === 'messages.received'), 20_000);

    // A recipient WhatsApp does not know: the simulator answers with an error ack (479), as WhatsApp does.
    const bad = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: '+19990000000',
      text: 'nobody',
    });
    assert.equal(bad.statusCode, 202);
    const id: string = bad.body.message.id;
    const failed = await waitFor('the message to fail', async () => {
      const res = await t.request(token, 'GET', `/v1/messages/${id}`);
      return res.body.message.status === 'failed' ? res.body.message : undefined;
    });
    assert.match(failed.error, /^RECIPIENT_NOT_ON_WHATSAPP: .*not on WhatsApp/);
    await receiver.waitFor(
      (rs) =>
        rs.some(
          (r) => body(r)?.type === 'messages.failed' && (body(r).data as { message_id: string }).message_id === id,
        ),
      20_000,
    );
    const failedEvent = receiver.requests
      .map(body)
      .find((b) => b?.type === 'messages.failed' && (b.data as { message_id: string }).message_id === id);
    assert.ok(failedEvent);
    assert.equal(
      (failedEvent.data as { error: { code: string } }).error.code,
      'RECIPIENT_NOT_ON_WHATSAPP',
      'the event carries the code too',
    );
    await receiver.waitFor(
      (rs) =>
        rs.some(
          (r) =>
            body(r)?.type === 'messages.status' &&
            (body(r).data as { message_id: string; status: string }).message_id === id &&
            (body(r).data as { status: string }).status === 'failed',
        ),
      20_000,
    );
  });
});
