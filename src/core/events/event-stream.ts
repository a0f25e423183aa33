// One stream client (SSE or WebSocket): optional backlog from the store after Last-Event-ID, then
// live events from the hub, with no gap and no duplicate at the seam. Live events that arrive
// while the backlog is read are buffered (bounded); if the buffer overflows, the backlog is read
// again from the last event sent, so memory stays bounded for any backlog size.
import { matchesAny } from './event-filter.js';
import { eventIdAt, type EventHub } from './event-hub.js';
import type { DomainEvent } from './event.types.js';
import type { EventLog, EventScope } from './outbox.port.js';

export interface EventStreamOptions {
  hub: EventHub;
  log: EventLog;
  scope: EventScope;
  /** Event patterns to pass (null = all). */
  patterns: readonly string[] | null;
  /** Resume after this event id (exclusive); null = live only. */
  lastEventId: string | null;
  /** Writes one event to the client. */
  send: (event: DomainEvent) => void;
  /** True once the client went away (stops the backlog read). */
  closed: () => boolean;
}

const PAGE = 500;
const MAX_BUFFER = 5_000;
const REMEMBER = 5_000;

/** Starts streaming; returns the function that stops it. */
export async function openEventStream(o: EventStreamOptions): Promise<() => void> {
  const sent = new Set<string>();
  let lastSent = o.lastEventId;
  let live = false;
  let buffer: DomainEvent[] = [];
  let overflowed = false;

  // Nothing at or before the resume point (or, live-only, before now): the hub re-reads a short
  // window for late commits, which must not replay what the client already has.
  const floor = o.lastEventId ?? eventIdAt(Date.now());
  const emit = (e: DomainEvent) => {
    if (e.id <= floor || sent.has(e.id) || o.closed()) return;
    sent.add(e.id);
    if (sent.size > REMEMBER) {
      const oldest = sent.values().next().value;
      if (oldest !== undefined) sent.delete(oldest);
    }
    if (!lastSent || e.id > lastSent) lastSent = e.id;
    o.send(e);
  };

  const stop = o.hub.listen(o.scope, o.patterns, (e) => {
    if (live) return emit(e);
    if (buffer.length < MAX_BUFFER) buffer.push(e);
    else overflowed = true;
  });

  try {
    if (o.lastEventId) {
      do {
        overflowed = false;
        buffer = [];
        let after = lastSent;
        while (!o.closed()) {
          const page = await o.log.listAfter(o.scope, after, PAGE);
          for (const e of page) if (matchesAny(e.type, o.patterns)) emit(e);
          const last = page[page.length - 1];
          if (page.length < PAGE || !last) break;
          after = last.id;
        }
      } while (overflowed && !o.closed());
    }
    live = true;
    for (const e of buffer.sort((a, b) => (a.id < b.id ? -1 : 1))) emit(e);
    buffer = [];
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}
