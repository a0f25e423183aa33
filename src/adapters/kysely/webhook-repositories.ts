// The outbox/webhook repositories bound to one Kysely handle, for createRepositories in store.ts.
import type { Kysely } from 'kysely';
import { createSealer, type Sealer } from '../../lib/seal.js';
import type { WebhookRepositories } from '../../core/webhooks/webhook.ports.js';
import { KyselyEventLog } from './repositories/event-log.repository.js';
import { KyselyOutboxRepository } from './repositories/outbox.repository.js';
import { KyselyWebhookStore } from './repositories/webhook.repository.js';
import type { WebhookTables } from './webhook-schema.js';

export function createWebhookRepositories<DB extends WebhookTables>(
  db: Kysely<DB>,
  sealer: Sealer = createSealer(null),
): WebhookRepositories {
  // Kysely<DB> for a DB that has our tables is usable as Kysely<WebhookTables>; the cast only narrows.
  const own = db as unknown as Kysely<WebhookTables>;
  return {
    outbox: new KyselyOutboxRepository(own),
    eventLog: new KyselyEventLog(own),
    webhooks: new KyselyWebhookStore(own, sealer),
  };
}
