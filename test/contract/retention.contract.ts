// The Store contract, retention part: bounded, oldest-first deletes that never take what is still
// needed (pending deliveries and their events, queued or sending messages). Run by store.test.ts on
// SQLite and PostgreSQL. Rows made before a cut-off and after it are told apart by their
// time-ordered ids, so each test takes its cut-off between two groups of rows it made.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainEvent } from '../../src/core/events/index.js';
import type { Store } from '../../src/core/ports/store.js';
import type { WebhookSubscription } from '../../src/core/webhooks/webhook.types.js';
import { idFloorAt, newId } from '../../src/lib/ids.js';
import { message } from './message-store.contract.js';
import { account, session } from './store.contract.js';

/** An id floor strictly after every id made so far and before every id made from now on. */
async function cutNow(prefix: string): Promise<string> {
  await sleep(3);
  const cut = idFloorAt(prefix, Date.now());
  await sleep(3);
  return cut;
}

export async function subscription(s: Store, accountId: string): Promise<WebhookSubscription> {
  const at = new Date().toISOString();
  const sub: WebhookSubscription = {
    id: newId('whk'),
    account_id: accountId,
    session_id: null,
    url: 'http://127.0.0.1:9/hook',
    secret: 'whsec_test',
    events: [],
    enabled: true,
    format: 'standard',
    description: null,
    created_at: at,
    updated_at: at,
  };
  await s.webhooks.createSubscription(sub);
  return sub;
}

export function event(s: Store, accountId: string, sessionId: string): Promise<DomainEvent> {
  return s.transaction((tx) =>
    tx.outbox.append({
      type: 'session.status',
      account_id: accountId,
      session_id: sessionId,
      payload: { status: 'connected', previous_status: 'connecting' },
    }),
  );
}

/** Attempts the due deliveries of the given events once: each is delivered or dead as told. */
export async function settle(s: Store, outcome: ReadonlyMap<string, 'delivered' | 'dead'>): Promise<void> {
  const now = new Date(Date.now() + 1_000);
  const all = (await s.webhooks.claimDue(now, new Date(now.getTime() + 60_000), 1_000, () => true, 100)).flat();
  const records = all.flatMap((c) => {
    const kind = outcome.get(c.event.id);
    if (!kind) return [];
    const ok = kind === 'delivered';
    return [
      {
        deliveryId: c.id,
        attemptedAt: new Date(),
        statusCode: ok ? 200 : 500,
        latencyMs: 1,
        error: ok ? null : 'HTTP 500',
        responseSnippet: 'ok',
        next: { kind },
      },
    ];
  });
  const settled = new Set(records.map((r) => r.deliveryId));
  await s.webhooks.recordAttempts(
    records,
    all.filter((c) => !settled.has(c.id)).map((c) => c.id),
  );
}

export const outcomes = (events: readonly DomainEvent[], kinds: readonly ('delivered' | 'dead')[]) =>
  new Map(kinds.map((k, i) => [events[i]?.id ?? '', k]));

async function drainEvents(s: Store, before: string): Promise<void> {
  while ((await s.retention.pruneEvents(before, 1_000)) > 0);
}

export function retentionContract(store: () => Store): void {
  test('retention: events before the cut-off go oldest first, in batches, with their finished deliveries; undispatched and newer ones stay', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    await drainEvents(s, await cutNow('evt'));
    const sub = await subscription(s, a);
    const old: DomainEvent[] = [];
    for (let i = 0; i < 5; i++) old.push(await event(s, a, ses.id));
    // The first three are delivered (one dead), the last two stay pending: not yet dispatched.
    await settle(s, outcomes(old, ['delivered', 'delivered', 'dead']));
    const cut = await cutNow('evt');
    const fresh = await event(s, a, ses.id);

    assert.equal(await s.retention.pruneEvents(cut, 2), 2, 'a batch holds at most `limit` events');
    assert.equal(await s.eventLog.get(a, old[0]?.id ?? ''), null, 'oldest first');
    assert.equal(await s.eventLog.get(a, old[1]?.id ?? ''), null);
    assert.ok(await s.eventLog.get(a, old[2]?.id ?? ''));
    assert.equal(await s.retention.pruneEvents(cut, 100), 1, 'events with a pending delivery are skipped');
    assert.equal(await s.retention.pruneEvents(cut, 100), 0);
    const left = (await s.eventLog.listAfter({ accountId: a, sessionId: ses.id }, null, 100)).map((e) => e.id);
    assert.deepEqual(left, [old[3]?.id, old[4]?.id, fresh.id]);
    // The deleted events' deliveries and attempts went with them; the pending ones are untouched.
    const deliveries = await s.webhooks.listDeliveries(a, sub.id, { limit: 100 });
    assert.deepEqual(deliveries.map((d) => d.event_id).sort(), [old[3]?.id, old[4]?.id, fresh.id].sort());
    assert.ok(deliveries.every((d) => d.status === 'pending'));
  });

  test('retention: finished deliveries before the cut-off go with their attempts, oldest first; pending and newer ones stay', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    const sub = await subscription(s, a);
    await s.retention.pruneWebhookDeliveries(await cutNow('dlv'), 100_000);
    // Lane of `ses`: delivered, delivered, dead. Lane of `other`: one pending (its receiver is down).
    const other = await session(s, a);
    const old = [await event(s, a, ses.id), await event(s, a, ses.id), await event(s, a, ses.id)];
    await event(s, a, other.id);
    await settle(s, outcomes(old, ['delivered', 'delivered', 'dead']));
    const cut = await cutNow('dlv');
    const fresh = await event(s, a, ses.id);
    await settle(s, outcomes([fresh], ['delivered'])); // finished, but after the cut-off
    const before = await s.webhooks.listDeliveries(a, sub.id, { limit: 100 });
    assert.equal(before.length, 5);
    assert.equal(before.filter((d) => d.attempts_log.length > 0).length, 4);

    assert.equal(await s.retention.pruneWebhookDeliveries(cut, 1), 1);
    assert.equal(await s.retention.pruneWebhookDeliveries(cut, 100), 2);
    assert.equal(await s.retention.pruneWebhookDeliveries(cut, 100), 0);
    const after = await s.webhooks.listDeliveries(a, sub.id, { limit: 100 });
    // Left: the pending one and the delivery made after the cut-off (with its attempt).
    const byStatus = [...after].sort((x, y) => (x.status < y.status ? -1 : 1));
    assert.deepEqual(
      byStatus.map((d) => [d.status, d.session_id, d.attempts_log.length]),
      [
        ['delivered', ses.id, 1],
        ['pending', other.id, 0],
      ],
    );
    assert.equal(after.find((d) => d.session_id === ses.id)?.event_id, fresh.id);
    // Their events are still there: the delivery log and the event log are pruned separately.
    assert.equal((await s.eventLog.listAfter({ accountId: a, sessionId: null }, null, 100)).length, 5);
  });

  test('retention: message bodies before the cut-off are cleared batch by batch; the row, queued and sending ones, and newer ones stay', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    const start = await cutNow('msg');
    const seq = () => s.counters.next('contract_msg');
    const make = async (over: Parameters<typeof message>[2]) => {
      const m = message(a, ses.id, { seq: await seq(), ...over });
      await s.messages.insert(m);
      return m;
    };
    const sent = await make({ status: 'sent', waId: 'RET-1', idempotencyKey: 'ret-k1' });
    const queued = await make({ status: 'queued' });
    const received = await make({
      direction: 'in',
      status: 'received',
      waId: 'RET-2',
      content: null,
      raw: { conversation: 'secret' },
      text: 'secret',
    });
    const sending = await make({ status: 'sending' });
    const failed = await make({ status: 'failed', text: 'x' });
    await s.messageEvents.insert({
      id: newId('mev'),
      messageId: sent.id,
      status: 'edited',
      detail: { text: 'new', previous_text: 'hi' },
      at: new Date().toISOString(),
    });
    const cut = await cutNow('msg');
    const fresh = await make({ status: 'sent' });

    const first = await s.retention.clearMessageBodies(start, cut, 3);
    assert.deepEqual(first, { scanned: 3, cleared: 2, last: received.id });
    const second = await s.retention.clearMessageBodies(first.last, cut, 3);
    assert.deepEqual(second, { scanned: 2, cleared: 1, last: failed.id });
    assert.deepEqual(await s.retention.clearMessageBodies(second.last, cut, 3), { scanned: 0, cleared: 0, last: null });

    for (const m of [sent, received, failed]) {
      const row = await s.messages.findById(a, m.id);
      assert.ok(row, 'the row stays');
      assert.equal(row.text, null);
      assert.equal(row.content, null);
      assert.equal(row.raw, null);
      assert.equal(row.status, m.status, 'status untouched');
    }
    // Lookups that dedupe and answer later receipts still work.
    assert.equal((await s.messages.findByWaId(ses.id, 'RET-2'))?.id, received.id);
    assert.equal((await s.messages.findByIdempotencyKey(ses.id, 'ret-k1'))?.id, sent.id);
    for (const m of [queued, sending, fresh])
      assert.deepEqual((await s.messages.findById(a, m.id))?.content, m.content, `${m.status} keeps its body`);
    const history = await s.messageEvents.listForMessage(sent.id);
    assert.equal(history.find((h) => h.status === 'edited')?.detail, null, 'the edit history holds the text too');
    // Starting over clears nothing more (idempotent; a rescan is safe).
    assert.equal((await s.retention.clearMessageBodies(start, cut, 100)).cleared, 0);
  });
}
