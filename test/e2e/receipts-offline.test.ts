// Issue 9 item 4: receipts for our messages are applied whenever they arrive. The contact reads
// our message while the gateway is away (its connection closed, or the server stopped): WhatsApp
// keeps the receipt for the device and delivers it on the next connection, and the message ends
// `read` either way.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useLinkedSession, waitFor } from '../support/sim.js';

interface InboxItem {
  id: string;
  text?: string;
}

describe('receipts that arrive while the gateway is away', () => {
  const ctx = useLinkedSession({
    names: ['Receipts Me', 'Receipts Contact'],
    overrides: { runtime: { reconnectBaseMs: 200, reconnectMaxMs: 1_000 } },
  });

  /** Sends `text` to the contact and waits until it is delivered there; returns our id and its WhatsApp id. */
  async function deliveredMessage(text: string): Promise<{ id: string; waId: string }> {
    const { t, token, sessionId, contact, sim } = ctx;
    // An earlier test's reconnect may still be finishing: receipts can be applied before the
    // session is marked connected again, and a send before that is refused (409).
    await waitFor(
      'the session connected',
      async () => (await t.request(token, 'GET', `/v1/sessions/${sessionId}`)).body.session.status === 'connected',
      30_000,
    );
    const sent = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, { to: contact.phone, text });
    assert.equal(sent.statusCode, 202);
    const id: string = sent.body.message.id;
    await waitFor(
      `${text} delivered`,
      async () => (await t.request(token, 'GET', `/v1/messages/${id}`)).body.message.status === 'delivered',
      30_000,
    );
    const item = await waitFor('the message at the contact', async () =>
      (await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`)).find((m) => m.text === text),
    );
    return { id, waId: item.id };
  }

  async function statusOf(id: string): Promise<string> {
    return (await ctx.t.request(ctx.token, 'GET', `/v1/messages/${id}`)).body.message.status as string;
  }

  test('read while the session is disconnected: applied after connect', async () => {
    const { t, token, sessionId, contact, sim } = ctx;
    const m = await deliveredMessage('read while disconnected');
    assert.equal((await t.request(token, 'POST', `/v1/sessions/${sessionId}/disconnect`)).statusCode, 202);
    await sim.control('POST', `/sim/accounts/${contact.phone}/receipts`, { id: m.waId, type: 'read' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await statusOf(m.id), 'delivered', 'nothing can arrive while disconnected');
    assert.equal((await t.request(token, 'POST', `/v1/sessions/${sessionId}/connect`)).statusCode, 202);
    await waitFor('read after the reconnect', async () => (await statusOf(m.id)) === 'read', 30_000);
  });

  test('read while the server is stopped: applied after the restart', async () => {
    const { t, contact, sim } = ctx;
    const m = await deliveredMessage('read while stopped');
    await t.container.runtimes.shutdown();
    await sim.control('POST', `/sim/accounts/${contact.phone}/receipts`, { id: m.waId, type: 'read' });
    await t.restart();
    await waitFor('read after the restart', async () => (await statusOf(m.id)) === 'read', 30_000);
  });

  test('read while the connection is being rebuilt (restart): applied', async () => {
    const { t, token, sessionId, contact, sim } = ctx;
    const m = await deliveredMessage('read during a restart');
    const restarting = t.request(token, 'POST', `/v1/sessions/${sessionId}/restart`);
    await sim.control('POST', `/sim/accounts/${contact.phone}/receipts`, { id: m.waId, type: 'read' });
    assert.equal((await restarting).statusCode, 202);
    await waitFor('read after the rebuild', async () => (await statusOf(m.id)) === 'read', 30_000);
  });
});

describe('receipts Baileys holds in its event buffer when the connection is rebuilt', () => {
  // Baileys acknowledges a receipt to WhatsApp as soon as it has processed it, but while it buffers
  // events (right after a link it does so for up to 20 s, waiting for a history sync) the receipt's
  // event waits in its buffer, and closing the socket destroys that buffer. The test holds the
  // buffer open through Baileys' own `ev.buffer()`, as its initial-sync phase does.
  const ctx = useLinkedSession({ names: ['Buffer Me', 'Buffer Contact'] });

  test('a read receipt still in the buffer when the session restarts is applied', async () => {
    const { t, token, sessionId, contact, sim } = ctx;
    const m = await (async () => {
      const sent = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
        to: contact.phone,
        text: 'read in the buffer',
      });
      assert.equal(sent.statusCode, 202);
      const id: string = sent.body.message.id;
      await waitFor(
        'delivered',
        async () => (await t.request(token, 'GET', `/v1/messages/${id}`)).body.message.status === 'delivered',
        30_000,
      );
      const item = await waitFor('at the contact', async () =>
        (await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`)).find(
          (i) => i.text === 'read in the buffer',
        ),
      );
      return { id, waId: item.id };
    })();
    // Hold the buffer: Baileys flushes through `ev.flush` after each stanza; during its initial
    // sync (or with a stale flush timer) it does not, which this stands in for.
    type Buffered = { ev: { buffer(): void; flush(): boolean } };
    const accountId = await accountOf(sessionId);
    const ev = await t.container.runtimes.withEngine({ accountId, sessionId }, 'connected', async (engine) => {
      const sock = (engine as unknown as { sock: Buffered | null }).sock;
      assert.ok(sock, 'the Baileys engine keeps its socket in `sock`');
      return sock.ev;
    });
    const flush = ev.flush;
    ev.flush = () => false;
    ev.buffer();
    await sim.control('POST', `/sim/accounts/${contact.phone}/receipts`, { id: m.waId, type: 'read' });
    await new Promise((r) => setTimeout(r, 1_000)); // Baileys processes and acks the receipt; its event stays buffered
    assert.equal(
      (await t.request(token, 'GET', `/v1/messages/${m.id}`)).body.message.status,
      'delivered',
      'the event is held in the buffer',
    );
    ev.flush = flush; // Baileys' own flush again, but nothing calls it before the restart
    assert.equal((await t.request(token, 'POST', `/v1/sessions/${sessionId}/restart`)).statusCode, 202);
    await waitFor(
      'read after the restart',
      async () => (await t.request(token, 'GET', `/v1/messages/${m.id}`)).body.message.status === 'read',
      15_000,
    );
  });

  async function accountOf(sessionId: string): Promise<string> {
    const rows = await ctx.t.container.store.sessions.listForResume();
    const row = rows.find((r) => r.id === sessionId);
    assert.ok(row, 'the linked session is resumable');
    return row.accountId;
  }
});
