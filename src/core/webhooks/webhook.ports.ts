// Ports the webhook core depends on: the store of subscriptions and deliveries, and the HTTP sender.
import type { DomainEvent, EventLog, EventScope, OutboxRepository } from '../events/index.js';
import type { DeliveryStatus, DeliveryWithAttempts, WebhookSubscription } from './webhook.types.js';

export interface SubscriptionPatch {
  url?: string;
  secret?: string;
  events?: string[];
  enabled?: boolean;
  description?: string | null;
  format?: string;
}

export interface DeliveryQuery {
  limit: number;
  /** Deliveries with id < before (newest first paging). */
  before?: string | null;
  status?: DeliveryStatus;
}

/** A claimed delivery with what the dispatcher needs to send it. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  created_at: string;
  event: DomainEvent;
  subscription: WebhookSubscription;
}

/** The outcome of one attempt, written together with the delivery's new state. */
export interface AttemptRecord {
  deliveryId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseSnippet: string | null;
  /** delivered; retry at a time; or dead (gave up). */
  next: { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'dead' };
}

export interface WebhookStore {
  createSubscription(sub: WebhookSubscription): Promise<void>;
  /** The subscription if it belongs to the account. */
  getSubscription(accountId: string, id: string): Promise<WebhookSubscription | null>;
  /** Subscriptions of the account, oldest first; with sessionId only that session's. */
  listSubscriptions(accountId: string, sessionId?: string | null): Promise<WebhookSubscription[]>;
  /** Applies the patch; returns the updated subscription, or null when not found. */
  updateSubscription(
    accountId: string,
    id: string,
    patch: SubscriptionPatch,
    updatedAt: Date,
  ): Promise<WebhookSubscription | null>;
  /** Deletes the subscription and its deliveries. False when not found. */
  deleteSubscription(accountId: string, id: string): Promise<boolean>;

  /** Deliveries of one subscription, newest first, each with its attempts. */
  listDeliveries(accountId: string, subscriptionId: string, query: DeliveryQuery): Promise<DeliveryWithAttempts[]>;
  /**
   * Creates new pending deliveries of existing events (replay) for the given subscriptions, or
   * every matching enabled subscription in scope when none is given. Returns how many were created.
   */
  enqueueReplay(
    scope: EventScope,
    eventIds: readonly string[],
    subscriptionId: string | null,
    now: Date,
  ): Promise<number>;

  /**
   * Claims up to `limit` lanes that are ready now, each as up to `chainLength` consecutive pending
   * deliveries (oldest first). A lane is one (subscription, session) pair; it is ready when its
   * oldest pending delivery is due and not leased, so deliveries stay in order per session. A
   * claim is a lease until `leaseUntil`: if the process dies, the deliveries become due again when
   * it expires. `accept` decides per lane whether there is capacity (per-destination caps).
   */
  claimDue(
    now: Date,
    leaseUntil: Date,
    limit: number,
    accept: (candidate: { subscriptionUrl: string }) => boolean,
    chainLength?: number,
  ): Promise<ClaimedDelivery[][]>;
  /**
   * Records attempts and moves their deliveries to their next state, and frees the leases of
   * `release` (claimed but not attempted), in one transaction.
   */
  recordAttempts(records: readonly AttemptRecord[], release?: readonly string[]): Promise<void>;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SendOutcome {
  /** A 2xx answer was received. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed (transport error, timeout, refused address, non-2xx). */
  error: string | null;
  responseSnippet: string | null;
}

/** Sends one webhook request. Never throws: failures are outcomes. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<SendOutcome>;
  close(): Promise<void>;
}

/**
 * The repositories this feature adds to the store (StoreRepositories), so a producer's
 * transaction (`store.transaction(tx => …)`) carries `tx.outbox`.
 */
export interface WebhookRepositories {
  outbox: OutboxRepository;
  eventLog: EventLog;
  webhooks: WebhookStore;
}
