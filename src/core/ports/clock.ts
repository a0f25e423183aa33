/** Where "now" comes from, so tests can fake time without touching globals. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/**
 * A clock that can also wake code later. Timing logic (send pacing, reconnect backoff, health and
 * ack deadlines, the outbox nudge) takes this instead of calling `setTimeout`, so a fake clock
 * drives it in fast unit tests (test/support/fake-clock.ts).
 */
export interface TimerClock extends Clock {
  /** Runs `fn` once after `ms`; the returned function cancels it. A timer never keeps the process alive. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: TimerClock = {
  now: () => new Date(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** `clock` when it has timers, otherwise its `now` with the system's timers (a test that fakes only "now"). */
export function withTimers(clock: Clock): TimerClock {
  return 'setTimer' in clock ? (clock as TimerClock) : { now: () => clock.now(), setTimer: systemClock.setTimer };
}

/** Resolves after `ms` on `clock`. */
export function sleepOn(clock: TimerClock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(ms, resolve));
}
