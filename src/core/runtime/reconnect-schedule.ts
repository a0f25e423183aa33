// When to try the connection again after a drop: exponential backoff with full jitter
// (lib/backoff.ts), one pending attempt at a time, the count reset by a successful open.
import { backoffDelay } from '../../lib/backoff.js';
import type { TimerClock } from '../ports/clock.js';
import type { RuntimeOptions } from './runtime.types.js';

export class ReconnectSchedule {
  private attempt = 0;
  private cancelPending: (() => void) | null = null;

  constructor(
    private readonly clock: TimerClock,
    private readonly options: Pick<RuntimeOptions, 'reconnectBaseMs' | 'reconnectMaxMs'>,
  ) {}

  /**
   * Schedules `attemptNow(n)` after the next backoff delay, unless one is already pending; returns
   * the attempt number and delay (null when one was pending).
   */
  schedule(attemptNow: (attempt: number) => void): { attempt: number; delayMs: number } | null {
    if (this.cancelPending) return null;
    const delayMs = backoffDelay(this.attempt++, {
      baseMs: this.options.reconnectBaseMs,
      maxMs: this.options.reconnectMaxMs,
    });
    const attempt = this.attempt;
    this.cancelPending = this.clock.setTimer(delayMs, () => {
      this.cancelPending = null;
      attemptNow(attempt);
    });
    return { attempt, delayMs };
  }

  /** Drops a pending attempt (we connect now, or stop). */
  cancel(): void {
    this.cancelPending?.();
    this.cancelPending = null;
  }

  /** Connected: the next drop starts from the shortest delay again. */
  reset(): void {
    this.cancel();
    this.attempt = 0;
  }
}
