// Sending limits that protect a number from bans (ARCHITECTURE principle 4):
// - at accept time, per session: a per-minute quota by plan and an optional daily cap (429 beyond);
// - at send time, per session: messages leave FIFO, spaced by the plan rate, or one per 5 s with
//   account protection on, with an optional "typing…" before each one.
import { RateLimitedError } from '../errors.js';
import type { QuotaResult, RateLimiter } from '../ports/rate-limiter.js';
import type { SessionSettings } from '../sessions/session.types.js';

export interface SendLimitsConfig {
  /** Messages a session may have accepted per minute (the seeds' paid plans: 256). */
  perMinute: number;
  /** Messages a session may have accepted per day; null = no daily cap. */
  perDay: number | null;
  /** Spacing between sends with account protection on (as the seeds do: one message per 5 s). */
  protectionIntervalMs: number;
  /** Sends in flight to WhatsApp at once per session (1 keeps strict FIFO delivery). */
  maxInFlight: number;
}

export const defaultSendLimits: SendLimitsConfig = {
  perMinute: 256,
  perDay: null,
  protectionIntervalMs: 5_000,
  maxInFlight: 1,
};

const MINUTE = 60_000;
const DAY = 86_400_000;

/** How the runtime paces one session's queue, from its settings. */
export interface SendPolicy {
  /** Minimum time between the starts of two sends. */
  minIntervalMs: number;
  /** Show "typing…" before each message. */
  typing: boolean;
  maxInFlight: number;
}

export function sendPolicy(
  config: SendLimitsConfig,
  settings: Pick<SessionSettings, 'account_protection' | 'typing'>,
): SendPolicy {
  const planInterval = Math.ceil(MINUTE / config.perMinute);
  return {
    minIntervalMs: settings.account_protection ? Math.max(config.protectionIntervalMs, planInterval) : planInterval,
    typing: settings.typing,
    maxInFlight: settings.account_protection ? 1 : config.maxInFlight,
  };
}

/** How long "typing…" shows before a text of this length: like a fast typist, between 1 and 5 s. */
export function typingDurationMs(textLength: number): number {
  return Math.min(5_000, Math.max(1_000, 600 + textLength * 40));
}

/** Accept-time quotas per session. */
export class SendQuota {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: SendLimitsConfig,
  ) {}

  /**
   * Takes one message from the session's minute (and day) quota; throws RateLimitedError (429,
   * with retry_after) when a quota is used up. Returns the minute quota for the X-RateLimit headers.
   */
  async take(sessionId: string): Promise<QuotaResult> {
    const minute = await this.limiter.consume(`send:m:${sessionId}`, this.config.perMinute, MINUTE);
    if (!minute.allowed) {
      throw new RateLimitedError(
        minute.retryAfterMs,
        `This session may send ${this.config.perMinute} messages per minute; retry in ${Math.ceil(minute.retryAfterMs / 1000)} s`,
        {
          context: { limit: minute.limit, window: 'minute', quota: minute },
        },
      );
    }
    if (this.config.perDay !== null) {
      const day = await this.limiter.consume(`send:d:${sessionId}`, this.config.perDay, DAY);
      if (!day.allowed) {
        await this.limiter.refund(`send:m:${sessionId}`, this.config.perMinute, MINUTE);
        throw new RateLimitedError(
          day.retryAfterMs,
          `This session reached its daily cap of ${this.config.perDay} messages; retry in ${Math.ceil(day.retryAfterMs / 1000)} s`,
          {
            context: { limit: day.limit, window: 'day', quota: day },
          },
        );
      }
    }
    return minute;
  }

  /** Gives a message back (the send was not accepted after all, e.g. an idempotent replay). */
  async refund(sessionId: string): Promise<void> {
    await this.limiter.refund(`send:m:${sessionId}`, this.config.perMinute, MINUTE);
    if (this.config.perDay !== null) await this.limiter.refund(`send:d:${sessionId}`, this.config.perDay, DAY);
  }
}
