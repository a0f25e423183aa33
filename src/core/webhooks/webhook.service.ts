// Webhook subscriptions, the delivery log, replays and test events. Scope first on every call; a
// session-key scope sees and manages only its own session's subscriptions.
import { randomBytes } from 'node:crypto';
import { checkOutboundUrl } from '../../lib/address-guard.js';
import { newId } from '../../lib/ids.js';
import { ConflictError, InvalidError, NotFoundError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import { isVisibleTo, type Scope } from '../tokens/scope.js';
import {
  assertPatterns,
  resolveEventScope,
  type DomainEvent,
  type EventLog,
  type EventScope,
  type Outbox,
  type SessionResolver,
} from '../events/index.js';
import type { DeliveryStatus, DeliveryWithAttempts, WebhookSubscription } from './webhook.types.js';
import type { SubscriptionPatch, WebhookStore } from './webhook.ports.js';

export interface CreateSubscriptionInput {
  url: string;
  events?: string[];
  session_id?: string | null;
  secret?: string;
  enabled?: boolean;
  description?: string | null;
  format?: string;
}

export interface WebhookServiceDeps {
  store: WebhookStore;
  outbox: Pick<Outbox, 'appendNow'>;
  events: EventLog;
  clock: Clock;
  resolveSession: SessionResolver;
  /** Formatter names a subscription may use. */
  formats: () => string[];
  allowPrivateUrls: boolean;
}

/** Most events one range replay may enqueue; larger ranges are refused with a hint to split them. */
export const MAX_REPLAY_EVENTS = 10_000;

export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  async create(scope: Scope, input: CreateSubscriptionInput): Promise<WebhookSubscription> {
    const sessionId = await this.resolveSession(scope, input.session_id ?? null);
    await this.checkUrl(input.url);
    const events = this.checkEvents(input.events ?? ['*']);
    const format = this.checkFormat(input.format ?? 'standard');
    const now = this.deps.clock.now().toISOString();
    const sub: WebhookSubscription = {
      id: newId('whk'),
      account_id: scope.accountId,
      session_id: sessionId,
      url: input.url,
      secret: input.secret ?? generateSecret(),
      events,
      enabled: input.enabled ?? true,
      format,
      description: input.description ?? null,
      created_at: now,
      updated_at: now,
    };
    await this.deps.store.createSubscription(sub);
    return sub;
  }

  /** With a session (id or name) only that session's subscriptions; a session key always its own. */
  async list(scope: Scope, sessionRef?: string | null): Promise<WebhookSubscription[]> {
    const sessionId = await this.resolveSession(scope, sessionRef ?? null);
    return this.deps.store.listSubscriptions(scope.accountId, sessionId ?? undefined);
  }

  async get(scope: Scope, id: string): Promise<WebhookSubscription> {
    const sub = await this.deps.store.getSubscription(scope.accountId, id);
    if (!sub || !isVisibleTo(scope, { accountId: sub.account_id, sessionId: sub.session_id })) {
      throw new NotFoundError('WEBHOOK_NOT_FOUND', `Webhook ${id} not found`, { field: 'id' });
    }
    return sub;
  }

  async update(scope: Scope, id: string, patch: SubscriptionPatch): Promise<WebhookSubscription> {
    await this.get(scope, id);
    if (patch.url !== undefined) await this.checkUrl(patch.url);
    if (patch.events !== undefined) patch = { ...patch, events: this.checkEvents(patch.events) };
    if (patch.format !== undefined) this.checkFormat(patch.format);
    const updated = await this.deps.store.updateSubscription(scope.accountId, id, patch, this.deps.clock.now());
    if (!updated) throw new NotFoundError('WEBHOOK_NOT_FOUND', `Webhook ${id} not found`, { field: 'id' });
    return updated;
  }

  async remove(scope: Scope, id: string): Promise<void> {
    await this.get(scope, id);
    await this.deps.store.deleteSubscription(scope.accountId, id);
  }

  async deliveries(
    scope: Scope,
    id: string,
    query: { limit: number; before?: string | null; status?: DeliveryStatus },
  ): Promise<DeliveryWithAttempts[]> {
    await this.get(scope, id);
    return this.deps.store.listDeliveries(scope.accountId, id, query);
  }

  /** Sends a `webhook.test` event to this subscription only. */
  async sendTest(scope: Scope, id: string): Promise<DomainEvent> {
    const sub = await this.get(scope, id);
    if (!sub.enabled) throw new ConflictError('WEBHOOK_DISABLED', 'Enable the webhook before sending a test event');
    return this.deps.outbox.appendNow(
      {
        type: 'webhook.test',
        account_id: scope.accountId,
        session_id: sub.session_id,
        payload: { message: 'This is a test event from wagate', subscription_id: sub.id },
      },
      { onlySubscriptionId: sub.id },
    );
  }

  /** Delivers one stored event again (same event id) to one subscription or every matching one. */
  async replayEvent(
    scope: Scope,
    eventId: string,
    subscriptionId: string | null,
  ): Promise<{ event: DomainEvent; enqueued: number }> {
    const event = await this.deps.events.get(scope.accountId, eventId);
    if (!event || !isVisibleTo(scope, { accountId: event.account_id, sessionId: event.session_id })) {
      throw new NotFoundError('EVENT_NOT_FOUND', `Event ${eventId} not found`, { field: 'id' });
    }
    if (subscriptionId) await this.get(scope, subscriptionId);
    const enqueued = await this.deps.store.enqueueReplay(
      await this.eventScopeOf(scope, null),
      [event.id],
      subscriptionId,
      this.deps.clock.now(),
    );
    return { event, enqueued };
  }

  /** Replays every event of a time range [from, to) (optionally one session, one subscription). */
  async replayRange(
    scope: Scope,
    input: { from: Date; to: Date; session_id?: string | null; subscription_id?: string | null },
  ): Promise<{ events: number; enqueued: number }> {
    if (!(input.from < input.to)) throw new InvalidError('`from` must be before `to`', { field: 'from' });
    if (input.subscription_id) await this.get(scope, input.subscription_id);
    const evScope = await this.eventScopeOf(scope, input.session_id ?? null);
    const events = await this.deps.events.listRange(evScope, input.from, input.to, MAX_REPLAY_EVENTS + 1);
    if (events.length > MAX_REPLAY_EVENTS) {
      throw new InvalidError(`The range holds more than ${MAX_REPLAY_EVENTS} events; replay a shorter range`, {
        code: 'REPLAY_TOO_LARGE',
        field: 'to',
      });
    }
    const ids = events.map((e) => e.id);
    const enqueued =
      ids.length === 0
        ? 0
        : await this.deps.store.enqueueReplay(evScope, ids, input.subscription_id ?? null, this.deps.clock.now());
    return { events: ids.length, enqueued };
  }

  private eventScopeOf(scope: Scope, sessionRef: string | null): Promise<EventScope> {
    return resolveEventScope(
      scope,
      sessionRef,
      this.deps.resolveSession,
      'A session key can only manage webhooks of its own session',
    );
  }

  private async resolveSession(scope: Scope, sessionRef: string | null): Promise<string | null> {
    return (await this.eventScopeOf(scope, sessionRef)).sessionId;
  }

  private async checkUrl(url: string): Promise<void> {
    const check = await checkOutboundUrl(url, this.deps.allowPrivateUrls);
    if (!check.ok) {
      const code = check.reason === 'private' ? 'URL_NOT_ALLOWED' : 'VALIDATION_FAILED';
      throw new InvalidError(`Webhook URL refused: ${check.message}`, { code, field: 'url' });
    }
  }

  private checkEvents(events: string[]): string[] {
    assertPatterns(events, 'events', true);
    return [...new Set(events)];
  }

  private checkFormat(format: string): string {
    if (!this.deps.formats().includes(format)) {
      throw new InvalidError(`Unknown webhook format "${format}"; one of ${this.deps.formats().join(', ')}`, {
        field: 'format',
      });
    }
    return format;
  }
}
