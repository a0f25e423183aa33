// WabSync webhooks (§5.2's proposal `POST /api/v1/webhook`, plus read, remove and test): one
// webhook per target, a wagate subscription in the `wabsync` format. The target is the session of a
// session token, or with the account token the `session_id` given, or without one the whole account.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import type { Scope } from '../../../core/tokens/scope.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { scopeOf } from './auth.js';
import { ok, sessionOfCall } from './envelope.js';
import { toUuid } from './ids.js';
import { typesOfNames } from './event-names.js';
import { toWebhook } from './json.js';
import { setWebhookBody, webhookTarget } from './schemas.js';

const hide = { hide: true };

/** The session a webhook call targets, or null for the account (account token, no session_id). */
function targetOf(scope: Scope, sessionId: string | undefined): string | null {
  if (scope.kind === 'pat' && sessionId === undefined) return null;
  return sessionOfCall(scope, sessionId);
}

async function findWebhook(services: CoreServices, scope: Scope, target: string | null) {
  const sessionId = target === null ? null : (await services.sessions.get(scope, target)).id;
  const subs = await services.webhooks.list(scope, sessionId);
  return { sessionId, sub: subs.find((s) => s.format === 'wabsync' && s.session_id === sessionId) ?? null };
}

function required(sub: WebhookSubscription | null): WebhookSubscription {
  if (!sub) throw new NotFoundError('WEBHOOK_NOT_FOUND', 'No webhook is set here (POST /api/v1/webhook sets one)');
  return sub;
}

export function registerWabSyncWebhookRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const path = '/api/v1/webhook';

  r.post(path, { schema: { ...hide, body: setWebhookBody } }, async (req, reply) => {
    const scope = scopeOf(req);
    const b = req.body;
    const events = typesOfNames(b.events ?? []);
    const { sessionId, sub } = await findWebhook(services, scope, targetOf(scope, b.session_id));
    const fields = {
      url: b.url,
      events,
      ...(b.secret !== undefined ? { secret: b.secret } : {}),
      enabled: b.enabled ?? true,
    };
    const saved = sub
      ? await services.webhooks.update(scope, sub.id, fields)
      : await services.webhooks.create(scope, { ...fields, session_id: sessionId, format: 'wabsync' });
    const data = { ...toWebhook(saved), secret: saved.secret };
    return sub ? ok(reply, 200, 'Webhook updated', data) : ok(reply, 201, 'Webhook created', data);
  });

  r.get(path, { schema: { ...hide, querystring: webhookTarget } }, async (req, reply) => {
    const scope = scopeOf(req);
    const { sub } = await findWebhook(services, scope, targetOf(scope, req.query.session_id));
    return ok(reply, 200, 'Webhook retrieved', toWebhook(required(sub)));
  });

  r.delete(path, { schema: { ...hide, querystring: webhookTarget } }, async (req, reply) => {
    const scope = scopeOf(req);
    const sub = required((await findWebhook(services, scope, targetOf(scope, req.query.session_id))).sub);
    await services.webhooks.remove(scope, sub.id);
    return ok(reply, 200, 'Webhook deleted', { id: toUuid(sub.id), deleted: true as const });
  });

  r.post(`${path}/test`, { schema: { ...hide, body: webhookTarget.optional() } }, async (req, reply) => {
    const scope = scopeOf(req);
    const sub = required((await findWebhook(services, scope, targetOf(scope, req.body?.session_id))).sub);
    const event = await services.webhooks.sendTest(scope, sub.id);
    return ok(reply, 200, 'Test event sent', { event_id: toUuid(event.id) });
  });
}
