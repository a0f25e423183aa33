// A webhook pipeline on a real store for tests: store (SQLite file or PostgreSQL schema), outbox,
// dispatcher with a real undici sender, and helpers to make accounts, sessions and subscriptions.
import { createStore } from '../../src/app/container.js';
import { createEventSignal, Outbox, type EventSignal } from '../../src/core/events/index.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { systemClock } from '../../src/core/ports/clock.js';
import type { Store } from '../../src/core/ports/store.js';
import { DEFAULT_SESSION_SETTINGS } from '../../src/core/sessions/session.types.js';
import { WebhookDispatcher, type DispatcherOptions } from '../../src/core/webhooks/dispatcher.js';
import { createFormatters } from '../../src/core/webhooks/formatters/index.js';
import { compatWebhookFormatters } from '../../src/surfaces/compat/index.js';
import { generateSecret } from '../../src/core/webhooks/webhook.service.js';
import type { WebhookSubscription } from '../../src/core/webhooks/webhook.types.js';
import { UndiciWebhookSender } from '../../src/adapters/http-webhooks/index.js';
import { newId } from '../../src/lib/ids.js';
import { createTestDatabase, type Dialect } from '../support/databases.js';

export const FAST_RETRY: DispatcherOptions = {
  maxInFlight: 64,
  perDestination: 8,
  leaseMs: 5_000,
  attemptTimeoutMs: 2_000, // the kit's sender timeout
  pollIntervalMs: 50,
  retry: { baseDelayMs: 30, maxDelayMs: 200, maxAgeMs: 60_000, jitter: 0.2 },
};

export interface PipelineKit {
  store: Store;
  outbox: Outbox;
  signal: EventSignal;
  dispatcher: WebhookDispatcher;
  account(): Promise<string>;
  session(accountId: string): Promise<string>;
  subscribe(accountId: string, url: string, over?: Partial<WebhookSubscription>): Promise<WebhookSubscription>;
  close(): Promise<void>;
}

export async function createPipelineKit(
  dialect: Dialect,
  options: Partial<DispatcherOptions> = {},
): Promise<PipelineKit> {
  const db = await createTestDatabase(dialect);
  const store = await createStore(db.config);
  await store.migrate();
  const signal = createEventSignal();
  const outbox = new Outbox({ transaction: (fn) => store.transaction(fn), signal });
  const sender = new UndiciWebhookSender({ timeoutMs: 2_000, connectionsPerOrigin: 8, allowPrivateUrls: true });
  const dispatcher = new WebhookDispatcher(
    {
      store: store.webhooks,
      sender,
      formatters: createFormatters(compatWebhookFormatters()),
      clock: systemClock,
      logger: silentLogger,
      signal,
    },
    { ...FAST_RETRY, ...options },
  );
  return {
    store,
    outbox,
    signal,
    dispatcher,
    async account() {
      const id = newId('acc');
      await store.accounts.insert({ id, name: 'webhooks-test', createdAt: new Date().toISOString() });
      return id;
    },
    async session(accountId) {
      const id = newId('ses');
      const now = new Date().toISOString();
      await store.sessions.insert({
        id,
        seq: await store.counters.next('session_seq'),
        accountId,
        name: null,
        label: null,
        phoneNumber: null,
        status: 'disconnected',
        settings: { ...DEFAULT_SESSION_SETTINGS },
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      });
      return id;
    },
    async subscribe(accountId, url, over = {}) {
      const now = new Date().toISOString();
      const sub: WebhookSubscription = {
        id: newId('whk'),
        account_id: accountId,
        session_id: null,
        url,
        secret: generateSecret(),
        events: ['*'],
        enabled: true,
        format: 'standard',
        description: null,
        created_at: now,
        updated_at: now,
        ...over,
      };
      await store.webhooks.createSubscription(sub);
      return sub;
    },
    async close() {
      await dispatcher.stop();
      await sender.close();
      await store.close();
      await db.drop();
    },
  };
}
