// The webhook dispatcher: claims due deliveries from the store, sends them, records each attempt.
//
// Guarantees:
// - at least once: a delivery leaves `pending` only after its attempt is recorded; a crash between
//   sending and recording sends it again (same event id → receivers deduplicate by webhook-id);
// - in order per session per subscription: the store only hands out the oldest pending delivery
//   of each (subscription, session) pair, so a failing head holds back that pair until it is
//   delivered or dead-lettered;
// - bounded: at most maxInFlight lanes at once (so at most maxInFlight requests in flight and
//   maxInFlight × chainLength claimed deliveries in memory), at most perDestination lanes to one
//   origin, every request under the sender's timeout;
// - one sender per delivery: a lane's chain shares one lease, so it sends its next delivery only
//   while a whole attempt still fits in the lease, and otherwise frees the rest (the next claim
//   takes them with a fresh lease) — never an expired claim that another pump could take again.
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { EventSignal } from '../events/index.js';
import type { FormatterRegistry } from './formatters/index.js';
import { nextAttemptAt, type RetryPolicy } from './retry-schedule.js';
import type { AttemptRecord, ClaimedDelivery, WebhookSender, WebhookStore } from './webhook.ports.js';

export interface DispatcherOptions {
  /** Lanes (subscription × session) being sent at once; each holds at most chainLength claimed deliveries. */
  maxInFlight: number;
  /** Deliveries of one lane claimed together and sent one after the other (default 32). */
  chainLength?: number;
  perDestination: number;
  /** How long a claim lasts; must exceed the sender's total timeout. */
  leaseMs: number;
  /** The sender's total timeout: a lane's next delivery is sent only while this much of its lease is left. */
  attemptTimeoutMs: number;
  /** Idle polling period (new events also ring the signal). */
  pollIntervalMs: number;
  retry: RetryPolicy;
}

export interface DispatcherDeps {
  store: WebhookStore;
  sender: WebhookSender;
  formatters: FormatterRegistry;
  clock: Clock;
  logger: Logger;
  signal?: EventSignal;
  random?: () => number;
}

/** Deliveries of one lane claimed together, and when their shared lease ends (epoch ms). */
interface Lane {
  deliveries: ClaimedDelivery[];
  leaseUntil: number;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export class WebhookDispatcher {
  private running = false;
  private pumping = false;
  private pumpAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private readonly perOrigin = new Map<string, number>();
  private readonly sends = new Set<Promise<void>>();
  private records: AttemptRecord[] = [];
  private releases: string[] = [];
  private flushing: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.deps.signal?.subscribe(() => this.kick()) ?? null;
    this.kick();
  }

  /** Stops claiming, waits for requests in flight and records their outcomes. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.sends.size > 0 || this.pumping)
      await Promise.race([...this.sends, new Promise((r) => setTimeout(r, 5))]);
    // A scheduled flush may be writing a batch right now: wait for it, or the caller closes the
    // store under that write.
    while (this.flushing) await this.flushing;
    await this.flush();
  }

  /** Look for due deliveries now (coalesced). */
  kick(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const free = this.options.maxInFlight - this.inFlight;
        if (free <= 0 || !this.running) break;
        const claimed = await this.claim(free);
        if (!this.running) {
          // Stopped while claiming: hand the claims back rather than start sending.
          this.release(claimed.flatMap((lane) => lane.deliveries.map((d) => d.id)));
          break;
        }
        for (const lane of claimed) this.dispatch(lane);
        // A full batch means there may be more due right now.
        if (claimed.length === free) this.pumpAgain = true;
      } while (this.pumpAgain && this.running);
    } catch (err) {
      this.deps.logger.error({ err }, 'webhook dispatcher: claiming failed');
    } finally {
      this.pumping = false;
      this.arm();
    }
  }

  private async claim(limit: number): Promise<Lane[]> {
    const now = this.deps.clock.now();
    const leaseUntil = now.getTime() + this.options.leaseMs;
    const tentative = new Map<string, number>();
    const lanes = await this.deps.store.claimDue(
      now,
      new Date(leaseUntil),
      limit,
      ({ subscriptionUrl }) => {
        const origin = originOf(subscriptionUrl);
        const used = (this.perOrigin.get(origin) ?? 0) + (tentative.get(origin) ?? 0);
        if (used >= this.options.perDestination) return false;
        tentative.set(origin, (tentative.get(origin) ?? 0) + 1);
        return true;
      },
      this.options.chainLength ?? 32,
    );
    return lanes.map((deliveries) => ({ deliveries, leaseUntil }));
  }

  private arm(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), this.options.pollIntervalMs);
    this.timer.unref?.();
  }

  private dispatch(lane: Lane): void {
    const head = lane.deliveries[0];
    if (!head) return;
    const origin = originOf(head.subscription.url);
    this.inFlight += 1;
    this.perOrigin.set(origin, (this.perOrigin.get(origin) ?? 0) + 1);
    const p = this.sendLane(lane)
      .catch((err: unknown) =>
        this.deps.logger.error({ err, deliveryId: head.id }, 'webhook dispatcher: attempt failed unexpectedly'),
      )
      .finally(() => {
        this.inFlight -= 1;
        const n = (this.perOrigin.get(origin) ?? 1) - 1;
        if (n <= 0) this.perOrigin.delete(origin);
        else this.perOrigin.set(origin, n);
        this.sends.delete(p);
      });
    this.sends.add(p);
  }

  // One lane's deliveries strictly one after the other; the first that fails (or a stop, or a
  // lease too short for one more attempt) ends the chain and frees the rest, which stay pending
  // behind it.
  private async sendLane({ deliveries: lane, leaseUntil }: Lane): Promise<void> {
    for (let i = 0; i < lane.length; i++) {
      const d = lane[i]!;
      if (i > 0 && leaseUntil - this.deps.clock.now().getTime() < this.options.attemptTimeoutMs) {
        this.release(lane.slice(i).map((x) => x.id));
        return;
      }
      let record: AttemptRecord;
      try {
        record = await this.attempt(d);
      } catch (err) {
        this.release(lane.slice(i).map((x) => x.id));
        throw err;
      }
      this.enqueueRecord(record);
      if (record.next.kind !== 'delivered' || !this.running) {
        this.release(lane.slice(i + 1).map((x) => x.id));
        return;
      }
    }
  }

  private release(ids: string[]): void {
    if (ids.length === 0) return;
    this.releases.push(...ids);
    this.scheduleFlush();
  }

  private async attempt(d: ClaimedDelivery): Promise<AttemptRecord> {
    const attemptedAt = this.deps.clock.now();
    const formatter = this.deps.formatters.get(d.subscription.format);
    if (!formatter) {
      return {
        deliveryId: d.id,
        attemptedAt,
        statusCode: null,
        latencyMs: 0,
        error: `unknown webhook format "${d.subscription.format}"`,
        responseSnippet: null,
        next: { kind: 'dead' },
      };
    }
    const { body, headers } = await formatter.format(d.event, d.subscription, attemptedAt);
    const outcome = await this.deps.sender.send({ url: d.subscription.url, headers, body });
    const base = {
      deliveryId: d.id,
      attemptedAt,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      error: outcome.error,
      responseSnippet: outcome.responseSnippet,
    };
    if (outcome.ok) return { ...base, next: { kind: 'delivered' } };
    const at = nextAttemptAt(
      this.options.retry,
      new Date(d.created_at),
      this.deps.clock.now(),
      d.attempts + 1,
      this.deps.random,
    );
    if (!at)
      this.deps.logger.warn(
        { deliveryId: d.id, eventId: d.event.id, subscriptionId: d.subscription.id },
        'webhook delivery dead-lettered',
      );
    return { ...base, next: at ? { kind: 'retry', at } : { kind: 'dead' } };
  }

  // Outcomes are written in small batches (one transaction per batch), which is what keeps the
  // dispatcher from being bound by one fsync per delivery.
  private enqueueRecord(record: AttemptRecord): void {
    this.records.push(record);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (!this.flushing) this.flushing = new Promise<void>((r) => setImmediate(r)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    while (this.records.length > 0 || this.releases.length > 0) {
      const batch = this.records;
      const release = this.releases;
      this.records = [];
      this.releases = [];
      try {
        await this.deps.store.recordAttempts(batch, release);
      } catch (err) {
        // The leases expire and the deliveries are sent again: at-least-once holds.
        this.deps.logger.error({ err, count: batch.length }, 'webhook dispatcher: recording attempts failed');
      }
    }
    this.flushing = null;
    this.kick();
  }
}
