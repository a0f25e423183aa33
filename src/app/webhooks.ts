// Wiring of the event pipeline: outbox, webhook dispatcher (undici sender), live event hub and the
// webhook/event services. container.ts calls createWebhookPipeline once and starts/stops it.
import { createWebhookSender } from '../adapters/http-webhooks/index.js';
import { createEventSignal, EventHub, EventService, type Outbox } from '../core/events/index.js';
import { withTimers, type Clock } from '../core/ports/clock.js';
import { CredentialWatch } from '../core/tokens/credential-watch.js';
import type { Logger } from '../core/ports/logger.js';
import type { Store } from '../core/ports/store.js';
import { WebhookDispatcher } from '../core/webhooks/dispatcher.js';
import { createFormatters } from '../core/webhooks/formatters/index.js';
import { type CompatFormatterDeps, compatWebhookFormatters } from '../surfaces/compat/index.js';
import { WebhookService } from '../core/webhooks/webhook.service.js';
import type { WebhookConfig } from './webhook-config.js';
import { createMetrics, type Metrics } from './metrics.js';
import { ObservedOutbox } from './observed-outbox.js';

export interface WebhookPipeline {
  outbox: Outbox;
  services: { webhooks: WebhookService; events: EventService };
  /** Starts delivering (the server calls it once it listens). */
  start(): void;
  /** Stops claiming, waits for requests in flight, closes connections and streams. */
  stop(): Promise<void>;
}

export interface WebhookPipelineDeps {
  store: Store;
  logger: Logger;
  clock: Clock;
  config: WebhookConfig;
  allowPrivateUrls: boolean;
  /** Counts appended events and webhook attempts (a private set when not given, e.g. in benchmarks). */
  metrics?: Metrics;
  /** Lookups the compatibility formatters use (the container fills the media one once media exists). */
  compat?: CompatFormatterDeps;
}

export function createWebhookPipeline({
  store,
  logger,
  clock,
  config,
  allowPrivateUrls,
  metrics = createMetrics(store.stats),
  compat = {},
}: WebhookPipelineDeps): WebhookPipeline {
  const signal = createEventSignal();
  const outbox: Outbox = new ObservedOutbox(
    { transaction: (fn) => store.transaction(fn), signal, clock: withTimers(clock) },
    metrics.observeEvent,
  );
  const sender = metrics.meterWebhookSender(
    createWebhookSender({ timeoutMs: config.timeoutMs, connectionsPerOrigin: config.perDestination, allowPrivateUrls }),
  );
  // Formatters are plug-ins: /v1's Standard Webhooks plus each compatibility surface's dialect.
  const formatters = createFormatters(
    compatWebhookFormatters(
      Object.assign(compat, {
        sessionName: async (accountId: string, sessionId: string) =>
          (await store.sessions.findByRef(accountId, sessionId))?.name ?? null,
      }),
    ),
  );
  const dispatcher = new WebhookDispatcher(
    { store: store.webhooks, sender, formatters, clock, logger: logger.child({ component: 'webhooks' }), signal },
    {
      maxInFlight: config.maxInFlight,
      perDestination: config.perDestination,
      // A claim outlives the longest attempt; after a crash its deliveries are due again this soon.
      leaseMs: config.timeoutMs + 5_000,
      attemptTimeoutMs: config.timeoutMs,
      pollIntervalMs: 250,
      retry: {
        baseDelayMs: config.retryBaseMs,
        maxDelayMs: config.retryMaxDelayMs,
        maxAgeMs: config.maxAgeMs,
        jitter: 0.2,
      },
    },
  );
  // SQLite commits one transaction at a time, so ids commit in order; PostgreSQL writers may commit
  // out of id order, so the hub re-reads a short window.
  const hub = new EventHub(
    { log: store.eventLog, signal, logger: logger.child({ component: 'event-hub' }) },
    { pollIntervalMs: 250, lateWindowMs: store.dialect === 'postgres' ? 1_500 : 0, batch: 1_000 },
  );
  const resolveSession = async (accountId: string, ref: string) =>
    (await store.sessions.findByRef(accountId, ref))?.id ?? null;
  const webhooks = new WebhookService({
    store: store.webhooks,
    outbox,
    events: store.eventLog,
    clock,
    resolveSession,
    formats: () => formatters.names(),
    allowPrivateUrls,
  });
  const credentials = new CredentialWatch({ store, logger });
  const events = new EventService({ hub, log: store.eventLog, resolveSession, credentials });
  let stopped: Promise<void> | undefined;
  return {
    outbox,
    services: { webhooks, events },
    start: () => dispatcher.start(),
    stop: () =>
      (stopped ??= (async () => {
        hub.close();
        credentials.close();
        await dispatcher.stop();
        await sender.close();
      })()),
  };
}
