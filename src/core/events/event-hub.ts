// The live side of the outbox: one poller per process reads newly committed events and hands them
// to the connected stream clients (SSE, WebSocket) whose scope matches. Clients that resume with a
// Last-Event-ID first read their backlog from the store, then switch to live without a gap
// (EventStream below).
//
// Ids are time-ordered but a transaction may commit after a later-numbered one (PostgreSQL with
// concurrent writers), so the hub re-reads a short window behind its cursor and remembers what it
// already pushed in that window: an event committed up to `lateWindowMs` late still goes out, once.
import type { Logger } from '../ports/logger.js';
import { matchesAny } from './event-filter.js';
import type { DomainEvent } from './event.types.js';
import type { EventLog, EventScope, EventSignal } from './outbox.port.js';

export interface EventHubOptions {
  pollIntervalMs: number;
  lateWindowMs: number;
  batch: number;
}

/** The smallest event id created at `ms` (ids are `evt_` + UUIDv7 hex: 48-bit ms first). */
export function eventIdAt(ms: number): string {
  return `evt_${Math.max(0, ms).toString(16).padStart(12, '0')}${'0'.repeat(20)}`;
}

function idTime(id: string): number {
  return parseInt(id.slice(4, 16), 16);
}

interface Listener {
  scope: EventScope;
  patterns: readonly string[] | null;
  push(event: DomainEvent): void;
}

export function inScope(event: DomainEvent, scope: EventScope, patterns: readonly string[] | null): boolean {
  if (event.account_id !== scope.accountId) return false;
  if (scope.sessionId && event.session_id !== scope.sessionId) return false;
  return matchesAny(event.type, patterns);
}

export class EventHub {
  private readonly listeners = new Set<Listener>();
  private cursor: string | null = null;
  private readonly seen = new Map<string, number>();
  private polling = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly deps: { log: EventLog; signal: EventSignal; logger: Logger; now?: () => number },
    private readonly options: EventHubOptions = { pollIntervalMs: 500, lateWindowMs: 2_000, batch: 1_000 },
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Registers a live listener; returns its unsubscribe function. */
  listen(scope: EventScope, patterns: readonly string[] | null, push: (event: DomainEvent) => void): () => void {
    const listener: Listener = { scope, patterns, push };
    if (this.listeners.size === 0) this.activate();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.deactivate();
    };
  }

  close(): void {
    this.listeners.clear();
    this.deactivate();
  }

  private activate(): void {
    // Start from "now minus the window": a new listener gets its past from the store, not from us.
    this.cursor = eventIdAt(this.now() - this.options.lateWindowMs);
    this.seen.clear();
    this.unsubscribe = this.deps.signal.subscribe(() => this.kick());
    this.arm();
  }

  private deactivate(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), this.options.pollIntervalMs);
    this.timer.unref?.();
  }

  private kick(): void {
    if (this.listeners.size === 0) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    void this.poll();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      do {
        this.again = false;
        const windowStart = eventIdAt(this.now() - this.options.lateWindowMs);
        let from = this.cursor && this.cursor < windowStart ? this.cursor : windowStart;
        for (;;) {
          const events = await this.deps.log.listAllAfter(from, this.options.batch);
          for (const e of events) {
            if (this.seen.has(e.id)) continue;
            this.seen.set(e.id, idTime(e.id));
            if (!this.cursor || e.id > this.cursor) this.cursor = e.id;
            for (const l of this.listeners) if (inScope(e, l.scope, l.patterns)) l.push(e);
          }
          const last = events[events.length - 1];
          if (events.length < this.options.batch || !last) break;
          from = last.id;
        }
        // Forget what is older than the window (it will not be read again).
        const horizon = this.now() - this.options.lateWindowMs - 1_000;
        for (const [id, t] of this.seen) {
          if (t >= horizon) break;
          this.seen.delete(id);
        }
      } while (this.again && this.listeners.size > 0);
    } catch (err) {
      this.deps.logger.error({ err }, 'event hub: polling failed');
    } finally {
      this.polling = false;
      if (this.listeners.size > 0) this.arm();
    }
  }
}
