// WasenderApi's limits (API-CATALOG.md §4.6), per endpoint per session, on wagate's rate limiter
// (in process, or Redis in cluster mode): account protection = 1 send per 5 s (the paid plans'
// 256 a minute is the core's send quota), group metadata/participants 10 a minute and 500 a day,
// contact pictures 60 and 1,000, number checks 60 and 1,000 (every call, as the vendor counts them;
// the core's people service also limits the lookups that reach WhatsApp).
// Limited answers carry X-RateLimit-Limit/-Remaining/-Reset (Reset = Unix epoch seconds, integers).
import type { FastifyReply } from 'fastify';
import { RateLimitedError } from '../../../core/errors.js';
import type { QuotaResult, RateLimiter } from '../../../core/ports/rate-limiter.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface Rule {
  name: string;
  limit: number;
  windowMs: number;
  message: (retryAfterS: number) => string;
}

const perMinute = (name: string, limit: number, what: string): Rule => ({
  name: `${name}:m`,
  limit,
  windowMs: MINUTE,
  message: () => `Too many requests: ${limit} ${what} per minute. Please try again later.`,
});
const perDay = (name: string, limit: number, what: string): Rule => ({
  name: `${name}:d`,
  limit,
  windowMs: DAY,
  message: () => `Daily limit reached: ${limit} ${what} per day.`,
});

export const RULES = {
  protection: {
    name: 'send:protection',
    limit: 1,
    windowMs: 5_000,
    message: () =>
      'You have account protection enabled. You can only send 1 message every 5 seconds. Check our API docs: https://www.wasenderapi.com/api-docs',
  } satisfies Rule,
  groupMeta: [
    perMinute('group-meta', 10, 'group metadata requests'),
    perDay('group-meta', 500, 'group metadata requests'),
  ],
  picture: [perMinute('picture', 60, 'profile picture requests'), perDay('picture', 1_000, 'profile picture requests')],
  onWhatsApp: [perMinute('on-whatsapp', 60, 'number checks'), perDay('on-whatsapp', 1_000, 'number checks')],
};

/** Integer headers; Reset is the Unix time (seconds) the window resets. */
export function setRateLimitHeaders(
  reply: FastifyReply,
  q: Pick<QuotaResult, 'limit' | 'remaining' | 'resetAt'>,
): void {
  reply.header('x-ratelimit-limit', q.limit);
  reply.header('x-ratelimit-remaining', Math.max(0, q.remaining));
  reply.header('x-ratelimit-reset', Math.ceil(q.resetAt.getTime() / 1000));
}

export class WasenderLimits {
  constructor(private readonly limiter: RateLimiter) {}

  /**
   * Takes one point of each rule for the session; the first rule's quota goes in the headers. Over
   * one → 429 with the vendor's message and retry_after (the points already taken are given back).
   */
  async take(reply: FastifyReply, sessionId: string, rules: readonly Rule[]): Promise<void> {
    const taken: Rule[] = [];
    for (const rule of rules) {
      const q = await this.limiter.consume(`wasender:${rule.name}:${sessionId}`, rule.limit, rule.windowMs);
      if (rule === rules[0]) setRateLimitHeaders(reply, q);
      if (!q.allowed) {
        for (const t of taken) await this.limiter.refund(`wasender:${t.name}:${sessionId}`, t.limit, t.windowMs);
        const retryAfterS = Math.max(1, Math.ceil(q.retryAfterMs / 1000));
        throw new RateLimitedError(q.retryAfterMs, rule.message(retryAfterS), { context: { limit: q.limit } });
      }
      taken.push(rule);
    }
  }

  /** Gives back a point taken by `take` (the operation did not happen). */
  async refund(sessionId: string, rules: readonly Rule[]): Promise<void> {
    for (const r of rules) await this.limiter.refund(`wasender:${r.name}:${sessionId}`, r.limit, r.windowMs);
  }
}
