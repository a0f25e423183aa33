// Rate limits on /v1, each under its own header names so a header means one thing everywhere:
// - the per-token request limit covers every route: X-RateLimit-Limit / -Remaining / -Reset
//   (seconds until the window resets, as @fastify/rate-limit sends them), on every response;
// - the per-session send quota (messages per minute) is reported by the routes that queue messages
//   as X-Send-Quota-Limit / -Remaining / -Reset.
// Over either → 429 RATE_LIMITED with retry_after and Retry-After (and the headers of the limit hit).
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { RateLimitedError } from '../../../core/errors.js';
import type { QuotaResult } from '../../../core/ports/rate-limiter.js';
import { bearerToken } from './auth.js';

/** The session's send quota after this request (never the X-RateLimit-* headers: those are the request limit). */
export function setSendQuotaHeaders(reply: FastifyReply, quota: QuotaResult): void {
  reply.header('x-send-quota-limit', quota.limit);
  reply.header('x-send-quota-remaining', quota.remaining);
  reply.header('x-send-quota-reset', Math.max(0, Math.ceil((quota.resetAt.getTime() - Date.now()) / 1000)));
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
      new RateLimitedError(
        ctx.ttl,
        `Too many requests: ${ctx.max} per minute per token; retry in ${Math.max(1, Math.ceil(ctx.ttl / 1000))} s`,
      ),
  });
}
