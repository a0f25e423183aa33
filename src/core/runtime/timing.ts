// Waiting on the runtime's clock: a bounded operation, and sleeps a stop cuts short. Both take the
// TimerClock port so pacing, backoff and ack deadlines run on a fake clock in unit tests.
import type { TimerClock } from '../ports/clock.js';

/** An operation on the connection that did not finish in time (treated as a lost connection). */
export class TimeoutError extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms: number, clock: TimerClock): Promise<T> {
  let cancel = (): void => undefined;
  const timeout = new Promise<never>((_, reject) => {
    cancel = clock.setTimer(ms, () => reject(new TimeoutError(`timed out after ${ms} ms`)));
  });
  return Promise.race([promise, timeout]).finally(() => cancel());
}

/**
 * Sleeps and waits that `wakeAll()` ends at once (a stop, a freed send slot), so a loop that waits
 * re-checks its state instead of holding a stopped runtime or the process open.
 */
export class Waits {
  private readonly wakers = new Set<() => void>();

  constructor(private readonly clock: TimerClock) {}

  /** Resolves after `ms`, or earlier on `wakeAll()`. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.clock.setTimer(ms, () => wake());
      const wake = () => {
        cancel();
        this.wakers.delete(wake);
        resolve();
      };
      this.wakers.add(wake);
    });
  }

  /** Resolves on the next `wakeAll()`. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.wakers.delete(wake);
        resolve();
      };
      this.wakers.add(wake);
    });
  }

  wakeAll(): void {
    [...this.wakers].forEach((wake) => wake());
  }
}
