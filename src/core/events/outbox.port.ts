// The outbox and event-log ports. Producers (session service, the engine's runtime) only ever call
// `outbox.append(tx, event)` (outbox.ts) inside the transaction that changes state, so an event
// exists exactly when its cause was committed. The adapter fans the event out to matching webhook subscriptions in the
// same transaction; delivery and streaming happen after commit, from the store.
import type { DomainEvent, NewEvent } from './event.types.js';

export interface AppendOptions {
  /** Deliver only to this subscription (the test event). Other subscriptions are skipped. */
  onlySubscriptionId?: string;
}

/**
 * The outbox repository, one of the store's repositories (`tx.outbox`): bound to the caller's
 * transaction, it inserts the event and its pending webhook deliveries.
 */
export interface OutboxRepository {
  append(event: NewEvent, options?: AppendOptions): Promise<DomainEvent>;
}

/** Any transaction handle that carries the outbox repository (the store's `StoreRepositories`). */
export interface OutboxTx {
  outbox: OutboxRepository;
}

/** Which events a reader may see: the account, optionally narrowed to one session. */
export interface EventScope {
  accountId: string;
  /** null = every session of the account (and account-level events). */
  sessionId: string | null;
}

/** Read side: the stored events, in id order (ids are time-ordered). */
export interface EventLog {
  /** One event of the account, or null. */
  get(accountId: string, eventId: string): Promise<DomainEvent | null>;
  /** Events visible to `scope` with id > afterId (all when afterId is null), oldest first. */
  listAfter(scope: EventScope, afterId: string | null, limit: number): Promise<DomainEvent[]>;
  /** Events of every account with id > afterId, oldest first (the live hub's feed). */
  listAllAfter(afterId: string | null, limit: number): Promise<DomainEvent[]>;
  /** Events of the account created in [from, to), oldest first, at most `limit`. */
  listRange(scope: EventScope, from: Date, to: Date, limit: number): Promise<DomainEvent[]>;
}

/** An in-process doorbell: rung after events may have been committed, so readers poll now. */
export interface EventSignal {
  notify(): void;
  subscribe(listener: () => void): () => void;
}

export function createEventSignal(): EventSignal {
  const listeners = new Set<() => void>();
  return {
    notify() {
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
