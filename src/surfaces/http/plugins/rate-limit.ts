// Rate limits on /v1: every response carries X-RateLimit-Limit / -Remaining / -Reset (seconds until
// the window resets, as @fastify/rate-limit sends them). A per-token request limit covers every
// route; the send route overrides the headers with the session's send quota, which is the limit
// that matters there. Over a limit → 429 RATE_LIMITED with retry_after and Retry-After.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { RateLimitedError } from '../../../core/errors.js';
import type { QuotaResult } from '../../../core/ports/rate-limiter.js';
import { bearerToken } from './auth.js';

export function setRateLimitHeaders(reply: FastifyReply, quota: QuotaResult): void {
  reply.header('x-ratelimit-limit', quota.limit);
  reply.header('x-ratelimit-remaining', quota.remaining);
  reply.header('x-ratelimit-reset', Math.max(0, Math.ceil((quota.resetAt.getTime() - Date.now()) / 1000)));
}

export function isQuota(value: unknown): value is QuotaResult {
  return typeof value === 'object' && value !== null && 'limit' in value && 'remaining' in value && 'resetAt' in value;
}

/** The per-token request limit for every /v1 route (register inside the /v1 plugin). */
export async function registerRequestRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    hook: 'onRequest',
    // Per credential (callers behind one NAT do not share a quota); anonymous calls per address.
    keyGenerator: (req) => bearerToken(req.headers.authorization) ?? `ip:${req.ip}`,
    // Thrown by the plugin, then rendered by our error handler like every other 429.
    errorResponseBuilder: (_req, ctx) =>
      new RateLimitedError(ctx.ttl, `Too many requests: ${ctx.max} per minute per token; retry in ${Math.max(1, Math.ceil(ctx.ttl / 1000))} s`),
  });
}
