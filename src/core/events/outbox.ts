// The outbox as producers use it: `append(tx, event)` inside the state change's transaction, or
// `appendNow(event)` for an event that changes nothing else. After an append the live readers (the
// webhook dispatcher, the stream hub) are nudged; they read committed rows from the store, so a
// nudge that comes before the commit only costs them one empty poll.
import { systemClock, type TimerClock } from '../ports/clock.js';
import type { DomainEvent, NewEvent } from './event.types.js';
import type { AppendOptions, EventSignal, OutboxTx } from './outbox.port.js';

export interface OutboxDeps {
  /** The store's transaction runner. */
  transaction: <T>(fn: (tx: OutboxTx) => Promise<T>) => Promise<T>;
  signal: EventSignal;
  /** Schedules the coalesced nudge; the system clock unless a test drives time. */
  clock?: TimerClock;
}

export class Outbox {
  private nudgeScheduled = false;

  constructor(private readonly deps: OutboxDeps) {}

  /** Appends inside the caller's transaction (use the `tx` your `store.transaction` callback got). */
  async append(tx: OutboxTx, event: NewEvent, options?: AppendOptions): Promise<DomainEvent> {
    const stored = await tx.outbox.append(event, options);
    this.nudgeSoon();
    return stored;
  }

  /** Appends in a transaction of its own. */
  async appendNow(event: NewEvent, options?: AppendOptions): Promise<DomainEvent> {
    const stored = await this.deps.transaction((tx) => tx.outbox.append(event, options));
    this.deps.signal.notify();
    return stored;
  }

  // Coalesce a burst of appends into one nudge, a moment later, when the transaction has committed.
  private nudgeSoon(): void {
    if (this.nudgeScheduled) return;
    this.nudgeScheduled = true;
    (this.deps.clock ?? systemClock).setTimer(1, () => {
      this.nudgeScheduled = false;
      this.deps.signal.notify();
    });
  }
}
