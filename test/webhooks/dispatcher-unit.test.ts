// Unit tests of the dispatcher's lease and shutdown handling, with an in-memory store, a fake clock
// and a sender that takes (fake) time: a chain never outlives its lease, and stop() waits for the
// batch being written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainEvent } from '../../src/core/events/index.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { WebhookDispatcher, type DispatcherOptions } from '../../src/core/webhooks/dispatcher.js';
import { createFormatters } from '../../src/core/webhooks/formatters/index.js';
import { compatWebhookFormatters } from '../../src/surfaces/compat/index.js';
import type {
  AttemptRecord,
  ClaimedDelivery,
  WebhookSender,
  WebhookStore,
} from '../../src/core/webhooks/webhook.ports.js';
import type { WebhookSubscription } from '../../src/core/webhooks/webhook.types.js';

const OPTIONS: DispatcherOptions = {
  maxInFlight: 4,
  perDestination: 4,
  leaseMs: 10_000,
  attemptTimeoutMs: 5_000,
  pollIntervalMs: 60_000,
  retry: { baseDelayMs: 10, maxDelayMs: 10, maxAgeMs: 60_000, jitter: 0 },
};

const sub: WebhookSubscription = {
  id: 'whk_1',
  account_id: 'acc_1',
  session_id: null,
  url: 'http://receiver.test/hook',
  secret: 'whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=',
  events: ['*'],
  enabled: true,
  format: 'standard',
  description: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

function delivery(n: number): ClaimedDelivery {
  const event = {
    id: `evt_${String(n).padStart(32, '0')}`,
    type: 'session.status',
    account_id: 'acc_1',
    session_id: null,
    payload: { status: 'connected', previous_status: null, reason: null },
    created_at: '2026-01-01T00:00:00.000Z',
  } as unknown as DomainEvent;
  return { id: `dlv_${n}`, attempts: 0, created_at: '2026-01-01T00:00:00.000Z', event, subscription: sub };
}

/** A store that hands out one lane once and remembers what was recorded and released. */
function fakeStore(lane: ClaimedDelivery[], recordDelayMs = 0) {
  let claimed = false;
  const recorded: string[] = [];
  const released: string[] = [];
  let writing = 0;
  const store = {
    async claimDue() {
      if (claimed) return [];
      claimed = true;
      return [lane];
    },
    async recordAttempts(records: readonly AttemptRecord[], release: readonly string[] = []) {
      writing += 1;
      await new Promise((r) => setTimeout(r, recordDelayMs));
      recorded.push(...records.map((r) => r.deliveryId));
      released.push(...release);
      writing -= 1;
    },
  } as unknown as WebhookStore;
  return { store, recorded, released, writing: () => writing };
}

test('a chain stops when less than one attempt fits in its lease, and frees the rest', async () => {
  let now = Date.parse('2026-01-01T00:00:00.000Z');
  const clock = { now: () => new Date(now) };
  const sent: string[] = [];
  // Each request takes 3 s: after two of them 4 s of the 10 s lease are left, less than the 5 s timeout.
  const sender: WebhookSender = {
    async send(req) {
      sent.push(JSON.parse(req.body).id);
      now += 3_000;
      return { ok: true, statusCode: 200, latencyMs: 3_000, error: null, responseSnippet: null };
    },
    async close() {},
  };
  const lane = [1, 2, 3, 4, 5].map(delivery);
  const { store, recorded, released } = fakeStore(lane);
  const dispatcher = new WebhookDispatcher(
    { store, sender, formatters: createFormatters(compatWebhookFormatters()), clock, logger: silentLogger },
    OPTIONS,
  );
  dispatcher.start();
  const deadline = Date.now() + 5_000;
  while (recorded.length + released.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await dispatcher.stop();
  assert.deepEqual(sent, [lane[0]!.event.id, lane[1]!.event.id]);
  assert.deepEqual(recorded, ['dlv_1', 'dlv_2']);
  assert.deepEqual(released, ['dlv_3', 'dlv_4', 'dlv_5']);
});

test('stop() waits for the batch being written before it resolves', async () => {
  const sender: WebhookSender = {
    async send() {
      return { ok: true, statusCode: 200, latencyMs: 1, error: null, responseSnippet: null };
    },
    async close() {},
  };
  const fake = fakeStore([delivery(1)], 300);
  const dispatcher = new WebhookDispatcher(
    {
      store: fake.store,
      sender,
      formatters: createFormatters(compatWebhookFormatters()),
      clock: { now: () => new Date() },
      logger: silentLogger,
    },
    OPTIONS,
  );
  dispatcher.start();
  const deadline = Date.now() + 5_000;
  while (fake.writing() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  assert.equal(fake.writing(), 1, 'the outcome is being written');
  await dispatcher.stop();
  assert.equal(fake.writing(), 0, 'stop() returned while the write was still running');
  assert.deepEqual(fake.recorded, ['dlv_1']);
});
