// The outbox, telling an observer (metrics) about every event appended on this node. An event
// appended in a transaction that later rolls back is still observed: rare (the producer failed),
// and a counter that is one too high beats a hook inside every producer.
import { Outbox, type OutboxDeps } from '../core/events/outbox.js';
import type { DomainEvent, NewEvent } from '../core/events/event.types.js';
import type { AppendOptions, OutboxTx } from '../core/events/outbox.port.js';

export class ObservedOutbox extends Outbox {
  constructor(
    deps: OutboxDeps,
    private readonly observe: (event: DomainEvent) => void,
  ) {
    super(deps);
  }

  override async append(tx: OutboxTx, event: NewEvent, options?: AppendOptions): Promise<DomainEvent> {
    const stored = await super.append(tx, event, options);
    this.observe(stored);
    return stored;
  }

  override async appendNow(event: NewEvent, options?: AppendOptions): Promise<DomainEvent> {
    const stored = await super.appendNow(event, options);
    this.observe(stored);
    return stored;
  }
}
