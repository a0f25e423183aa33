// Prometheus metrics (prom-client). Three sources, none of which adds a line to the core:
//   - domain events, observed as the outbox appends them on this node (messages by status, send
//     latency, engine reconnects), so each node counts only its own work in a cluster;
//   - the webhook sender, wrapped (attempts, failures, latency);
//   - the store, read at scrape time (sessions by status, send queue depth, pending deliveries).
// Process metrics (event loop lag, memory, CPU, GC) come from prom-client's defaults, collected
// once per process even when a process builds many containers (tests).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DomainEvent } from '../core/events/event.types.js';
import type { OperationsStatsRepository } from '../core/ports/operations-stats.js';
import type { RetentionRun } from '../core/retention/retention-pruner.js';
import type { SendOutcome, WebhookRequest, WebhookSender } from '../core/webhooks/webhook.ports.js';

/** The milliseconds since the epoch in a time-ordered `<prefix>_<uuidv7 hex>` id. */
function idTimeMs(id: string): number | null {
  const hex = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 13);
  const ms = parseInt(hex, 16);
  return Number.isFinite(ms) ? ms : null;
}

let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface Metrics {
  /** Call for every domain event this node appends to the outbox. */
  observeEvent(event: DomainEvent): void;
  /** The sender, counting and timing every attempt. */
  meterWebhookSender(sender: WebhookSender): WebhookSender;
  /** One finished HTTP request (`route` is the route pattern, never the raw URL). */
  observeHttp(method: string, route: string, statusCode: number, seconds: number): void;
  /** One finished retention run of this node (rows pruned, longest batch). */
  observeRetention(run: RetentionRun): void;
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(stats: OperationsStatsRepository): Metrics {
  const registry = new Registry();
  const messages = new Counter({
    name: 'wagate_messages_total',
    help: 'Message status changes seen by this node: sent, delivered, read, played, failed (outgoing) and received (incoming)',
    labelNames: ['status'],
    registers: [registry],
  });
  const sendLatency = new Histogram({
    name: 'wagate_send_latency_seconds',
    help: 'From accepting a message (202) to WhatsApp acknowledging it (sent), including queueing and pacing',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const reconnects = new Counter({
    name: 'wagate_engine_reconnects_total',
    help: 'Connected sessions that lost their WhatsApp connection and started reconnecting',
    registers: [registry],
  });
  const webhookAttempts = new Counter({
    name: 'wagate_webhook_attempts_total',
    help: 'Webhook delivery attempts',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const webhookFailures = new Counter({
    name: 'wagate_webhook_failures_total',
    help: 'Webhook attempts without a 2xx answer (error, timeout, refused, non-2xx)',
    registers: [registry],
  });
  const webhookLatency = new Histogram({
    name: 'wagate_webhook_latency_seconds',
    help: 'Duration of one webhook attempt',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'wagate_http_requests_total',
    help: 'HTTP requests answered',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'wagate_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const retentionPruned = new Counter({
    name: 'wagate_retention_pruned_total',
    help: 'Rows retention pruned on this node: events, deliveries (with their attempts), message_bodies (cleared)',
    labelNames: ['kind'],
    registers: [registry],
  });
  const retentionBatch = new Gauge({
    name: 'wagate_retention_batch_max_seconds',
    help: "Longest batch of this node's last retention run (on SQLite, the longest the event loop waited on it)",
    registers: [registry],
  });
  new Gauge({
    name: 'wagate_sessions',
    help: 'Sessions by status (all nodes: read from the database)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of Object.entries(await stats.sessionsByStatus())) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'wagate_send_queue_depth',
    help: 'Accepted outgoing messages not yet acknowledged by WhatsApp (queued or sending; all nodes)',
    registers: [registry],
    async collect() {
      this.set(await stats.sendQueueDepth());
    },
  });
  new Gauge({
    name: 'wagate_webhook_pending_deliveries',
    help: 'Webhook deliveries waiting for an attempt or a retry (all nodes)',
    registers: [registry],
    async collect() {
      this.set(await stats.pendingWebhookDeliveries());
    },
  });

  const observeEvent = (event: DomainEvent): void => {
    if (event.type === 'messages.status') {
      const p = event.payload as { message_id: string | null; status: string };
      messages.inc({ status: p.status });
      // Only our own send path emits `sent` with our id: accept time is in the id (UUIDv7).
      const accepted = p.status === 'sent' && p.message_id ? idTimeMs(p.message_id) : null;
      if (accepted !== null) sendLatency.observe(Math.max(0, Date.parse(event.created_at) - accepted) / 1000);
    } else if (event.type === 'messages.received') {
      messages.inc({ status: 'received' });
    } else if (event.type === 'session.status') {
      const p = event.payload as { status: string; previous_status: string | null };
      if (p.status === 'connecting' && p.previous_status === 'connected') reconnects.inc();
    }
  };

  return {
    observeEvent,
    meterWebhookSender: (sender) => ({
      async send(request: WebhookRequest): Promise<SendOutcome> {
        const outcome = await sender.send(request);
        webhookAttempts.inc({ outcome: outcome.ok ? 'ok' : outcome.statusCode === null ? 'error' : 'non_2xx' });
        if (!outcome.ok) webhookFailures.inc();
        webhookLatency.observe(outcome.latencyMs / 1000);
        return outcome;
      },
      close: () => sender.close(),
    }),
    observeRetention: (run) => {
      retentionPruned.inc({ kind: 'events' }, run.events);
      retentionPruned.inc({ kind: 'deliveries' }, run.deliveries);
      retentionPruned.inc({ kind: 'message_bodies' }, run.messageBodies);
      retentionBatch.set(run.maxBatchMs / 1000);
    },
    observeHttp: (method, route, statusCode, seconds) => {
      httpRequests.inc({ method, route, status: String(statusCode) });
      httpDuration.observe({ method, route }, seconds);
    },
    render: async () => {
      const merged = Registry.merge([registry, processMetrics()]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
