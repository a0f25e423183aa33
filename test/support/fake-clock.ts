// A clock for unit tests of timing logic (send pacing, reconnect backoff, ack deadlines): time moves
// only when the test calls `advance`, and every timer due on the way runs in order, with the
// promises it starts allowed to settle before the next one. No real waiting.
import type { TimerClock } from '../../src/core/ports/clock.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class FakeClock implements TimerClock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.t = start;
  }

  now(): Date {
    return new Date(this.t);
  }

  /** Milliseconds since the clock was made (or since `start`). */
  get ms(): number {
    return this.t;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  /** Moves time forward by `ms`, running the timers that fall due in order. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
    }
    this.t = target;
    await settle();
  }

  /** Advances in steps until `done()` holds or `maxMs` has passed; returns the time taken. */
  async advanceUntil(done: () => boolean, maxMs: number, stepMs = 100): Promise<number> {
    const from = this.t;
    while (!done() && this.t - from < maxMs) await this.advance(stepMs);
    return this.t - from;
  }
}

/** Lets pending promise chains (several hops deep) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
