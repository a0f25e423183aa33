// The health watch of one live connection: a ping every `healthIntervalMs`; after
// `healthFailuresBeforeReconnect` misses in a row the owner rebuilds the connection. The owner also
// asks for a single ping when a send went unanswered (SessionRuntime.verifyConnection).
import type { TimerClock } from '../ports/clock.js';
import type { Engine } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { RuntimeHost, RuntimeOptions, RuntimeSessionRef } from './runtime.types.js';

export interface ConnectionHealthDeps {
  ref: RuntimeSessionRef;
  host: Pick<RuntimeHost, 'log'>;
  clock: TimerClock;
  logger: Logger;
  options: Pick<RuntimeOptions, 'healthIntervalMs' | 'healthTimeoutMs' | 'healthFailuresBeforeReconnect'>;
  /** The engine to ping while the session is connected; null otherwise (no ping, no verdict). */
  liveEngine(): Engine | null;
  /** The connection missed too many pings. */
  onDead(): void;
}

export class ConnectionHealth {
  private cancelTimer: (() => void) | null = null;
  private failures = 0;
  private checking = false;

  constructor(private readonly deps: ConnectionHealthDeps) {}

  /** Starts the periodic checks for a new connection. */
  start(): void {
    this.stop();
    this.failures = 0;
    const tick = () => {
      this.cancelTimer = this.deps.clock.setTimer(this.deps.options.healthIntervalMs, () => {
        tick();
        this.check().catch((err: unknown) => this.deps.logger.error({ err }, 'health check failed to run'));
      });
    };
    tick();
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (
        !(await this.answers(this.deps.options.healthTimeoutMs)) &&
        this.failures >= this.deps.options.healthFailuresBeforeReconnect
      )
        this.deps.onDead();
    } finally {
      this.checking = false;
    }
  }

  /** One ping; false (logged to the session log, counted) when the live connection does not answer in time. */
  async answers(timeoutMs: number): Promise<boolean> {
    const engine = this.deps.liveEngine();
    if (!engine) return true;
    try {
      await engine.ping(timeoutMs);
      this.failures = 0;
      return true;
    } catch (err) {
      if (!this.deps.liveEngine()) return true; // closed meanwhile: not a health verdict
      this.failures++;
      await this.deps.host.log(this.deps.ref, 'health_check_failed', { failures: this.failures, error: String(err) });
      return false;
    }
  }
}
