// Wapio's per-session webhook resource (API-CATALOG §3.7/§3.8, from its n8n node): one target
// per session, a client-chosen signing secret, event names in WasenderApi's dotted form. It is a
// wagate webhook subscription of the session in the `wapio` format (PAT only, as the node needs).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventType } from '../../../core/events/index.js';
import type { CoreServices } from '../../../core/services.js';
import type { Scope } from '../../../core/tokens/scope.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { WASENDER_EVENT_NAMES } from '../wasender/event-names.js';
import { patScope } from './auth.js';
import { WapioRefusal } from './errors.js';
import { fromWapioSessionId } from './ids.js';
import { describeNames, namesOfDescription } from './webhook-names.js';

const params = z.object({ sessionId: z.string().min(1).max(128) });
const putBody = z.object({
  target_url: z.string().url(),
  subscribed_events: z.array(z.string().min(1)).default([]),
  signing_secret: z.string().min(16).max(256),
  is_active: z.boolean().default(true),
});

const NAMES = Object.entries(WASENDER_EVENT_NAMES) as Array<[EventType, readonly string[]]>;

/** Wapio's event names → wagate event types (a name several types share selects them all). */
function eventTypesOf(names: string[]): string[] {
  const types = new Set<string>();
  for (const name of names) {
    const matched = NAMES.filter(([, aliases]) => aliases.includes(name)).map(([type]) => type);
    if (matched.length === 0)
      throw new WapioRefusal(422, 'validation_error', `Unknown event ${name}`, 'subscribed_events');
    for (const type of matched) types.add(type);
  }
  return types.size ? [...types] : ['*'];
}

/** The Wapio names a subscription's event types cover. */
function namesOf(sub: WebhookSubscription): string[] {
  if (sub.events.includes('*')) return [];
  return [...new Set(sub.events.flatMap((type) => WASENDER_EVENT_NAMES[type as EventType] ?? [type]))];
}

async function wapioSubscription(services: CoreServices, scope: Scope, sessionRef: string) {
  const subs = await services.webhooks.list(scope, sessionRef);
  return subs.find((s) => s.format === 'wapio' && s.session_id !== null) ?? null;
}

const toJson = (s: WebhookSubscription) => ({
  target_url: s.url,
  subscribed_events: namesOfDescription(s.description) ?? namesOf(s),
  is_active: s.enabled,
});

export function registerWapioWebhookRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const path = '/v1/whatsapp-sessions/:sessionId/webhook';

  r.get(path, { schema: { params } }, async (req) => {
    const sub = await wapioSubscription(services, patScope(req), fromWapioSessionId(req.params.sessionId));
    return sub ? toJson(sub) : null;
  });

  r.put(path, { schema: { params, body: putBody } }, async (req) => {
    const scope = patScope(req);
    const session = fromWapioSessionId(req.params.sessionId);
    const b = req.body;
    const events = eventTypesOf(b.subscribed_events);
    const existing = await wapioSubscription(services, scope, session);
    const names = [...new Set(b.subscribed_events)];
    const fields = {
      url: b.target_url,
      events,
      secret: b.signing_secret,
      enabled: b.is_active,
      description: describeNames(names),
    };
    const sub = existing
      ? await services.webhooks.update(scope, existing.id, fields)
      : await services.webhooks.create(scope, { ...fields, session_id: session, format: 'wapio' });
    return toJson(sub);
  });

  r.delete(path, { schema: { params } }, async (req) => {
    const scope = patScope(req);
    const sub = await wapioSubscription(services, scope, fromWapioSessionId(req.params.sessionId));
    if (sub) await services.webhooks.remove(scope, sub.id);
    return { deleted: sub !== null };
  });
}
