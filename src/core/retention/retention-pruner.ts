// Retention: on an interval, deletes events and finished webhook deliveries older than their
// retention and clears old message bodies, in small batches with a pause after each, so neither a
// long lock nor a long synchronous statement (SQLite runs on the event loop) holds up the accept
// path or the webhook dispatcher. Which rows may go is the store's rule (ports/retention.ts): never
// a pending delivery or its event, never a queued or sending message. docs/retention.md.
import { idFloorAt } from '../../lib/ids.js';
import type { TimerClock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RetentionRepository } from '../ports/retention.js';

const DAY_MS = 86_400_000;
/** The body cursor starts again from the oldest message this often (see clearBodies). */
const BODY_RESCAN_MS = DAY_MS;
/** The first run waits this long (or one interval, if shorter): start-up belongs to session resume. */
const START_DELAY_MS = 60_000;
/** Shortest pause between two batches. */
const MIN_PAUSE_MS = 5;

export interface RetentionPolicy {
  /** Days events are kept; 0 = forever. */
  eventsDays: number;
  /** Days finished webhook deliveries and their attempts are kept; 0 = forever. */
  webhookAttemptsDays: number;
  /** Days message bodies are kept (the row stays); 0 = forever. */
  messageBodiesDays: number;
  /** Rows per batch (one statement, plus the rows its foreign keys cascade to). */
  batch: number;
}

/** What one run did. */
export interface RetentionRun {
  events: number;
  deliveries: number;
  messageBodies: number;
  batches: number;
  /** The longest batch (on SQLite, the longest the event loop waited on the pruner). */
  maxBatchMs: number;
  ms: number;
}

export interface RetentionPrunerDeps {
  store: { retention: RetentionRepository };
  clock: TimerClock;
  logger: Logger;
  policy: RetentionPolicy;
  /** Told of every finished run (metrics). */
  onRun?: (run: RetentionRun) => void;
}

export class RetentionPruner {
  private timer: (() => void) | null = null;
  private running: Promise<RetentionRun> | null = null;
  private stopping = false;
  /** Ends the current pause early (stop() must not wait out a pause). */
  private wake: (() => void) | null = null;
  // Message bodies: how far the walk has gone (ids are time-ordered), and when it last started over.
  private bodyCursor: string | null = null;
  private bodyPassStartedAt = 0;

  constructor(private readonly deps: RetentionPrunerDeps) {}

  /** True when any retention is set (0 everywhere = keep everything, nothing to run). */
  get enabled(): boolean {
    const p = this.deps.policy;
    return p.eventsDays > 0 || p.webhookAttemptsDays > 0 || p.messageBodiesDays > 0;
  }

  /** One run to the end of what is due (or until stop()). Concurrent calls share the same run. */
  runOnce(): Promise<RetentionRun> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Runs a minute after start (or after `intervalMs`, if shorter), then every `intervalMs`, until
   * stop(). Does nothing when no retention is set.
   */
  start(intervalMs: number): void {
    if (this.timer || !this.enabled) return;
    this.stopping = false;
    const tick = () => {
      this.runOnce().then(
        (r) => {
          const n = r.events + r.deliveries + r.messageBodies;
          if (n > 0) this.deps.logger.info({ ...r }, 'retention: old rows pruned');
        },
        (err: unknown) => this.deps.logger.error({ err }, 'retention run failed'),
      );
      if (!this.stopping) this.timer = this.deps.clock.setTimer(intervalMs, tick);
    };
    this.timer = this.deps.clock.setTimer(Math.min(intervalMs, START_DELAY_MS), tick);
  }

  /** Stops the interval and waits for the batch in progress (the run ends after it). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.timer?.();
    this.timer = null;
    this.wake?.();
    await this.running?.catch(() => undefined);
  }

  private async run(): Promise<RetentionRun> {
    const started = this.deps.clock.now().getTime();
    const p = this.deps.policy;
    const r = this.deps.store.retention;
    const out: RetentionRun = { events: 0, deliveries: 0, messageBodies: 0, batches: 0, maxBatchMs: 0, ms: 0 };
    // Delivery log first (shorter default retention): each delivery it removes is one row fewer
    // for the event delete to cascade to, so the event batches stay small.
    if (p.webhookAttemptsDays > 0) {
      const cut = idFloorAt('dlv', started - p.webhookAttemptsDays * DAY_MS);
      out.deliveries = await this.batches(out, () => r.pruneWebhookDeliveries(cut, p.batch));
    }
    if (p.eventsDays > 0) {
      const cut = idFloorAt('evt', started - p.eventsDays * DAY_MS);
      out.events = await this.batches(out, () => r.pruneEvents(cut, p.batch));
    }
    if (p.messageBodiesDays > 0) out.messageBodies = await this.clearBodies(out, started);
    out.ms = this.deps.clock.now().getTime() - started;
    this.deps.onRun?.(out);
    return out;
  }

  /** Calls `batch` until it does less than a full batch; returns the rows it handled. */
  private async batches(out: RetentionRun, batch: () => Promise<number>): Promise<number> {
    let total = 0;
    while (!this.stopping) {
      const n = await this.timed(out, batch);
      total += n;
      if (n < this.deps.policy.batch) break;
    }
    return total;
  }

  /**
   * Walks the messages older than the cut-off by id with a cursor kept between runs, so rows
   * cleared earlier are not read again each batch. A message that was still queued or sending when
   * the walk passed it keeps its body until the walk starts over from the oldest message (once a
   * day, and at every start of the process).
   */
  private async clearBodies(out: RetentionRun, started: number): Promise<number> {
    const p = this.deps.policy;
    const cut = idFloorAt('msg', started - p.messageBodiesDays * DAY_MS);
    if (started - this.bodyPassStartedAt >= BODY_RESCAN_MS) {
      this.bodyCursor = null;
      this.bodyPassStartedAt = started;
    }
    let total = 0;
    while (!this.stopping) {
      const b = await this.timed(out, () =>
        this.deps.store.retention.clearMessageBodies(this.bodyCursor, cut, p.batch),
      );
      total += b.cleared;
      if (b.last !== null) this.bodyCursor = b.last;
      if (b.scanned < p.batch) break;
    }
    return total;
  }

  // One batch, then a pause at least as long as the batch took: the pruner never holds the
  // database (or, on SQLite, the event loop) more than about half the time.
  private async timed<T>(out: RetentionRun, batch: () => Promise<T>): Promise<T> {
    const t0 = this.deps.clock.now().getTime();
    const result = await batch();
    out.batches += 1;
    const took = this.deps.clock.now().getTime() - t0;
    out.maxBatchMs = Math.max(out.maxBatchMs, took);
    if (!this.stopping) await this.pause(Math.max(MIN_PAUSE_MS, took));
    return result;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.deps.clock.setTimer(ms, () => {
        this.wake = null;
        resolve();
      });
      this.wake = () => {
        cancel();
        this.wake = null;
        resolve();
      };
    });
  }
}
