// The send pump of one session: drains its FIFO queue on the current connection, paced by the
// session's send policy, and keeps each message in flight until WhatsApp's server ack for its id
// arrives. Only that ack makes a message `sent`; a write to the socket does not (a dead connection
// swallows writes). When the connection is lost the pump stops at once and every message not yet
// acknowledged goes back to the queue with its WhatsApp id, to be resent on the next connection
// (receivers drop a repeated id, so a message that did arrive is not shown twice).
import { ConnectionLostError, NotConnectedError } from '../errors.js';
import { typingDurationMs, type SendPolicy } from '../limits/send-limits.js';
import type { TimerClock } from '../ports/clock.js';
import type { Engine } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import { TimeoutError, Waits, withTimeout } from './timing.js';
import type { OutgoingWork, RuntimeHost, RuntimeOptions, RuntimeSessionRef } from './runtime.types.js';

export interface SendPumpDeps {
  ref: RuntimeSessionRef;
  host: Pick<RuntimeHost, 'sendPolicy' | 'claimNextOutgoing' | 'markSent' | 'markFailed' | 'requeue'>;
  clock: TimerClock;
  logger: Logger;
  /**
   * `sendTimeoutMs`: how long one engine send may take before the connection counts as lost;
   * `ackTimeoutMs`: how long a written message may wait for its server ack before the connection is
   * suspected silent.
   */
  options: Pick<RuntimeOptions, 'sendTimeoutMs' | 'ackTimeoutMs'>;
  /**
   * The connection looks broken: a send hit a lost connection or timed out (the pump has stopped),
   * or a message went unanswered for `ackTimeoutMs` (the pump goes on). The owner checks the
   * connection, rebuilds it or restarts the pump.
   */
  onConnectionSuspect(why: 'lost' | 'unanswered'): void;
}

/** A claimed message between its claim and its server ack. */
interface InFlight {
  messageId: string;
  cancelAckTimer: () => void;
  /** Ack deadlines passed on a connection that still answers pings. */
  misses: number;
}

/**
 * A message still without its ack after this many deadlines on a connection that answers pings is
 * sent again (same WhatsApp id, so a copy that did arrive is dropped by the receiver).
 */
const RESEND_AFTER_MISSES = 3;

export class SendPump {
  private engine: Engine | null = null;
  /** Bumped on every start and stop, so work begun on an earlier connection notices it is stale. */
  private generation = 0;
  private policy: SendPolicy | undefined;
  private draining = false;
  private drainAgain = false;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** By WhatsApp id: claimed and not yet acknowledged by the server. */
  private readonly inFlight = new Map<string, InFlight>();
  private readonly waits: Waits;
  private readonly log: Logger;

  constructor(private readonly deps: SendPumpDeps) {
    this.waits = new Waits(deps.clock);
    this.log = deps.logger;
  }

  /** Messages written or being written that WhatsApp has not acknowledged yet. */
  get unacknowledged(): number {
    return this.inFlight.size;
  }

  /** A connection is open: send on it. */
  start(engine: Engine): void {
    this.engine = engine;
    this.generation++;
    this.policy = undefined;
    this.kick();
  }

  /**
   * The connection is gone (or being rebuilt): stop at once. Every message not yet acknowledged goes
   * back to the queue; the queue is read in id order, so the order is kept.
   */
  async stop(): Promise<void> {
    this.engine = null;
    this.generation++;
    this.waits.wakeAll();
    const pending = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const entry of pending) {
      entry.cancelAckTimer();
      await this.requeue(entry.messageId);
    }
  }

  /** New work was queued (or the connection is usable again): drain if connected. */
  kick(): void {
    if (!this.engine) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.drain().catch((err: unknown) => {
      if (this.engine) this.log.error({ err }, 'sending queued messages failed');
    });
  }

  /** The session's settings changed: pace by the new ones from the next message on. */
  policyChanged(): void {
    this.policy = undefined;
  }

  /** WhatsApp's server ack for a message id; `error` when it refused it (that arrives as a `failed` status too). */
  async serverAck(waId: string, error: string | null): Promise<void> {
    const entry = this.inFlight.get(waId);
    if (!entry) return; // not one of the pump's messages (an edit, a reaction) or already settled
    this.inFlight.delete(waId);
    entry.cancelAckTimer();
    this.waits.wakeAll(); // a send slot is free
    if (!error) await this.deps.host.markSent(entry.messageId, this.deps.clock.now());
  }

  /**
   * Oldest first while connected: at most `maxInFlight` unacknowledged at once, each send starting
   * no sooner than `minIntervalMs` after the previous one (5 s with account protection), with
   * "typing…" shown first when asked.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    const { host, ref, clock } = this.deps;
    const gen = this.generation;
    try {
      while (this.engine && gen === this.generation) {
        const engine = this.engine;
        // Read once, then kept until the settings change or the next connection.
        const policy = (this.policy ??= await host.sendPolicy(ref));
        if (this.inFlight.size >= policy.maxInFlight) {
          await this.waits.next();
          continue;
        }
        const wait = this.lastSentAt + policy.minIntervalMs - clock.now().getTime();
        if (wait > 0) {
          await this.waits.sleep(wait);
          continue; // re-check the connection and the policy after waiting
        }
        this.drainAgain = false;
        const work = await host.claimNextOutgoing(ref, () => engine.newMessageId());
        if (!work) {
          if (this.drainAgain) continue; // work queued while we looked
          break;
        }
        if (gen !== this.generation) {
          await this.requeue(work.messageId);
          break;
        }
        this.lastSentAt = clock.now().getTime();
        const sending = this.sendOne(engine, gen, work, policy);
        // One at a time keeps strict FIFO; with more in flight, starts are ordered and sends overlap.
        if (policy.maxInFlight <= 1) await sending;
        else void sending;
      }
    } finally {
      this.draining = false;
      // A start on a new connection (or a kick) while this loop was finishing.
      if (this.engine && (gen !== this.generation || this.drainAgain)) this.kick();
    }
  }

  /** Writes one message; it stays in flight until its server ack (or a lost connection requeues it). */
  private async sendOne(engine: Engine, gen: number, work: OutgoingWork, policy: SendPolicy): Promise<void> {
    const { clock } = this.deps;
    const entry: InFlight = { messageId: work.messageId, cancelAckTimer: () => undefined, misses: 0 };
    this.inFlight.set(work.waId, entry);
    try {
      if (policy.typing) await this.showTyping(engine, gen, work);
      if (gen !== this.generation) throw new ConnectionLostError('the connection changed while typing');
      await withTimeout(engine.send(work.to, work.content, work.waId), this.deps.options.sendTimeoutMs, clock);
      // The ack may already have come (it is handled in event order); otherwise start its deadline.
      if (this.inFlight.get(work.waId) === entry && gen === this.generation) {
        entry.cancelAckTimer = clock.setTimer(this.deps.options.ackTimeoutMs, () =>
          this.unanswered(work.waId, entry, gen),
        );
      }
    } catch (err) {
      if (this.inFlight.get(work.waId) === entry) this.inFlight.delete(work.waId);
      if (err instanceof NotConnectedError || err instanceof TimeoutError || gen !== this.generation) {
        // A connection-level failure never fails a message: stop now, requeue, let the owner rebuild.
        const current = gen === this.generation;
        if (current) await this.stop();
        await this.requeue(work.messageId);
        if (current) this.deps.onConnectionSuspect('lost');
        return;
      }
      this.waits.wakeAll();
      await this.deps.host.markFailed(work.messageId, err instanceof Error ? err.message : String(err));
    }
  }

  private unanswered(waId: string, entry: InFlight, gen: number): void {
    if (this.inFlight.get(waId) !== entry || gen !== this.generation) return;
    entry.misses++;
    this.log.warn({ waId, afterMs: entry.misses * this.deps.options.ackTimeoutMs }, 'no server ack for a sent message');
    if (entry.misses >= RESEND_AFTER_MISSES) {
      // The connection answers but this message was never acknowledged: it goes out again.
      this.inFlight.delete(waId);
      this.waits.wakeAll();
      void this.requeue(entry.messageId).then(() => this.kick());
      return;
    }
    // Watch again: if the owner finds the connection alive, the ack may still come.
    entry.cancelAckTimer = this.deps.clock.setTimer(this.deps.options.ackTimeoutMs, () =>
      this.unanswered(waId, entry, gen),
    );
    this.deps.onConnectionSuspect('unanswered');
  }

  private async showTyping(engine: Engine, gen: number, work: OutgoingWork): Promise<void> {
    const { clock } = this.deps;
    const state = work.content.kind === 'audio' ? 'recording' : 'composing';
    await engine.sendPresence(state, work.to).catch(() => undefined);
    // Shown for its whole duration: only a stop (not a freed slot) cuts it short.
    const until = clock.now().getTime() + typingDurationMs(contentTextLength(work.content));
    while (gen === this.generation && clock.now().getTime() < until)
      await this.waits.sleep(until - clock.now().getTime());
    await engine.sendPresence('paused', work.to).catch(() => undefined);
    this.lastSentAt = this.deps.clock.now().getTime();
  }

  private async requeue(messageId: string): Promise<void> {
    await this.deps.host
      .requeue(messageId)
      .catch((err: unknown) => this.log.error({ err, messageId }, 'requeue failed'));
  }
}

/** Characters a person would type for this content (text or caption). */
function contentTextLength(content: OutgoingWork['content']): number {
  const c = content as { text?: unknown; caption?: unknown };
  const text = typeof c.text === 'string' ? c.text : typeof c.caption === 'string' ? c.caption : '';
  return text.length;
}
