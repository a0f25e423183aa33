// The /v1 JSON shapes of webhook subscriptions, deliveries, attempts and events.
import { z } from 'zod';
import { EVENT_TYPES, toEventJson } from '../../../core/events/index.js';
import type { EventService } from '../../../core/events/event.service.js';
import type { WebhookService } from '../../../core/webhooks/webhook.service.js';
import type { DeliveryWithAttempts, WebhookSubscription } from '../../../core/webhooks/webhook.types.js';

/** The services the webhook and event routes call. */
export interface WebhookSurfaceServices {
  webhooks: WebhookService;
  events: EventService;
}

export const webhookIdParams = z.object({ id: z.string().min(1).max(100).describe('The webhook id (`whk_…`)') });
export const eventIdParams = z.object({ id: z.string().min(1).max(100).describe('The event id (`evt_…`)') });

const eventsField = z
  .array(z.string().min(1).max(100))
  .max(100)
  .describe(
    `Event types or patterns (\`*\`, \`messages.*\`); empty or absent = every event. Types: ${EVENT_TYPES.join(', ')}`,
  )
  .meta({ examples: [['messages.*', 'session.status']] });

export const webhookCreateBody = z
  .object({
    url: z
      .string()
      .min(1)
      .max(2048)
      .describe('Where events are POSTed (http or https; private addresses need WAGATE_ALLOW_PRIVATE_URLS=1)')
      .meta({ examples: ['https://example.com/wagate'] }),
    events: eventsField.optional(),
    session_id: z
      .string()
      .min(1)
      .max(100)
      .nullish()
      .describe("Only this session's events (id or name); absent = the whole account"),
    secret: z.string().min(16).max(200).optional().describe('Signing secret; generated (`whsec_…`) when absent'),
    enabled: z.boolean().optional(),
    description: z.string().max(500).nullish(),
    format: z
      .string()
      .max(40)
      .optional()
      .describe('Request format and signature: `standard` (Standard Webhooks, default), `wasender`, `wapio`, `wwebjs`'),
  })
  .strict();

export const webhookUpdateBody = z
  .object({
    url: z.string().min(1).max(2048).optional(),
    events: eventsField.optional(),
    secret: z.string().min(16).max(200).optional().describe('A new signing secret'),
    enabled: z.boolean().optional(),
    description: z.string().max(500).nullish(),
    format: z.string().max(40).optional(),
  })
  .strict();

export const webhookSchema = z
  .object({
    id: z.string().meta({ examples: ['whk_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'] }),
    url: z.string(),
    session_id: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    format: z.string(),
    description: z.string().nullable(),
    secret_hint: z.string().describe('The last 4 characters of the secret'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Webhook' });

export const webhookWithSecretSchema = webhookSchema
  .extend({ secret: z.string().describe('The signing secret: shown only when created or replaced') })
  .meta({ id: 'WebhookWithSecret' });

export function toWebhookJson(s: WebhookSubscription): z.infer<typeof webhookSchema> {
  return {
    id: s.id,
    url: s.url,
    session_id: s.session_id,
    events: s.events,
    enabled: s.enabled,
    format: s.format,
    description: s.description,
    secret_hint: s.secret.slice(-4),
    created_at: s.created_at,
    updated_at: s.updated_at,
  };
}

export const attemptSchema = z
  .object({
    id: z.string(),
    attempted_at: z.string(),
    status_code: z.number().int().nullable().describe('HTTP status, or null when no answer came'),
    latency_ms: z.number().int(),
    error: z.string().nullable(),
    response_snippet: z.string().nullable().describe('The first 512 bytes of the answer'),
  })
  .meta({ id: 'WebhookAttempt' });

export const deliverySchema = z
  .object({
    id: z.string(),
    event_id: z.string().describe('= the webhook-id header of every attempt'),
    event_type: z.string(),
    session_id: z.string().nullable(),
    status: z.enum(['pending', 'delivered', 'dead']),
    attempts: z.number().int(),
    next_attempt_at: z.string().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    replay: z.boolean(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    attempts_log: z.array(attemptSchema),
  })
  .meta({ id: 'WebhookDelivery' });

export function toDeliveryJson(d: DeliveryWithAttempts): z.infer<typeof deliverySchema> {
  return {
    id: d.id,
    event_id: d.event_id,
    event_type: d.event_type,
    session_id: d.session_id,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.next_attempt_at,
    last_status_code: d.last_status_code,
    last_error: d.last_error,
    replay: d.replay,
    created_at: d.created_at,
    delivered_at: d.delivered_at,
    attempts_log: d.attempts_log.map((a) => ({
      id: a.id,
      attempted_at: a.attempted_at,
      status_code: a.status_code,
      latency_ms: a.latency_ms,
      error: a.error,
      response_snippet: a.response_snippet,
    })),
  };
}

export const eventSchema = z
  .object({
    id: z.string().meta({ examples: ['evt_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'] }),
    type: z.enum(EVENT_TYPES),
    timestamp: z.string().describe('When the event happened (ISO 8601)'),
    account_id: z.string(),
    session_id: z.string().nullable(),
    data: z
      .record(z.string(), z.unknown())
      .describe('The event payload; its fields depend on `type` (docs/webhooks.md)'),
  })
  .describe('An event: the same JSON in a webhook body, a stream message and GET /v1/events')
  .meta({ id: 'Event' });

/** The /v1 event JSON (core's one definition, shared with the `standard` webhook body). */
export { toEventJson };
