// A session's WasenderApi webhook (`webhook_url`, `webhook_enabled`, `webhook_events`,
// `webhook_secret`; API-CATALOG.md §4.7) is a wagate webhook subscription of that session in the
// `wasender` format, so wagate's durable dispatcher delivers it (retries, order, replay). The vendor
// event names the client chose and the integer session id are kept in the subscription's
// description, which the formatter reads.
import { randomBytes } from 'node:crypto';
import type { EventType } from '../../../core/events/index.js';
import type { CoreServices } from '../../../core/services.js';
import type { Session } from '../../../core/sessions/session.types.js';
import type { Scope } from '../../../core/tokens/scope.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { WasenderValidationError } from './errors.js';
import { WASENDER_EVENT_NAMES } from './event-names.js';
import { NO_WEBHOOK, type WasenderWebhookFields } from './session-json.js';

export const WASENDER_FORMAT = 'wasender';
const DESCRIPTION_PREFIX = 'wasender ';

/** What the formatter needs of a subscription: the integer session id and the vendor names chosen. */
export interface WasenderHookMeta {
  session: number;
  events: string[];
}

export function hookMeta(sub: Pick<WebhookSubscription, 'description'>): WasenderHookMeta | null {
  const d = sub.description;
  if (!d?.startsWith(DESCRIPTION_PREFIX)) return null;
  try {
    const parsed = JSON.parse(d.slice(DESCRIPTION_PREFIX.length)) as Partial<WasenderHookMeta>;
    return { session: Number(parsed.session ?? 0), events: Array.isArray(parsed.events) ? parsed.events : [] };
  } catch {
    return null;
  }
}

const NAMES = Object.entries(WASENDER_EVENT_NAMES) as Array<[EventType, readonly string[]]>;
/** Older names the vendor's docs still show. */
const LEGACY: Record<string, string> = { message: 'messages.received', group_update: 'groups.update' };

/** Vendor names → wagate event types (a name several types share selects them all); 422 on an unknown one. */
function eventTypesOf(names: string[]): string[] {
  if (names.length === 0) return ['*'];
  const types = new Set<string>();
  for (const given of names) {
    const name = LEGACY[given] ?? given;
    const matched = NAMES.filter(([, aliases]) => aliases.includes(name)).map(([type]) => type);
    if (name === 'call.received') matched.push('calls.incoming');
    if (matched.length === 0) {
      throw new WasenderValidationError({
        webhook_events: [`The webhook_events value ${given.slice(0, 60)} is invalid.`],
      });
    }
    for (const t of matched) types.add(t);
  }
  return [...types];
}

export async function sessionHook(
  services: CoreServices,
  scope: Scope,
  session: Session,
): Promise<WebhookSubscription | null> {
  const subs = await services.webhooks.list(scope, session.id);
  return subs.find((s) => s.format === WASENDER_FORMAT && s.session_id === session.id) ?? null;
}

export function hookFields(sub: WebhookSubscription | null): WasenderWebhookFields & { webhook_secret: string | null } {
  if (!sub) return { ...NO_WEBHOOK, webhook_secret: null };
  return {
    webhook_url: sub.url,
    webhook_enabled: sub.enabled,
    webhook_events: hookMeta(sub)?.events ?? [],
    webhook_secret: sub.secret,
  };
}

export interface HookInput {
  webhook_url?: string | null | undefined;
  webhook_enabled?: boolean | undefined;
  webhook_events?: string[] | undefined;
}

/**
 * Applies the webhook fields of a create or update: a URL creates the subscription (with a new
 * 32-hex secret) or changes it; null removes it; the other fields change an existing one.
 */
export async function applyHook(
  services: CoreServices,
  scope: Scope,
  session: Session,
  input: HookInput,
): Promise<WebhookSubscription | null> {
  const existing = await sessionHook(services, scope, session);
  if (input.webhook_url === null) {
    if (existing) await services.webhooks.remove(scope, existing.id);
    return null;
  }
  const names = input.webhook_events ?? (existing ? (hookMeta(existing)?.events ?? []) : []);
  const description = `${DESCRIPTION_PREFIX}${JSON.stringify({ session: session.seq, events: names })}`;
  const events = eventTypesOf(names);
  if (!existing) {
    if (input.webhook_url === undefined) return null;
    return services.webhooks.create(scope, {
      url: input.webhook_url,
      session_id: session.id,
      format: WASENDER_FORMAT,
      secret: randomBytes(16).toString('hex'),
      enabled: input.webhook_enabled ?? true,
      events,
      description,
    });
  }
  if (input.webhook_url === undefined && input.webhook_enabled === undefined && input.webhook_events === undefined)
    return existing;
  return services.webhooks.update(scope, existing.id, {
    ...(input.webhook_url !== undefined ? { url: input.webhook_url } : {}),
    ...(input.webhook_enabled !== undefined ? { enabled: input.webhook_enabled } : {}),
    events,
    description,
  });
}
