// x-api-key as the original reads it, carrying a wagate PAT (the account's sessions) or a session
// key (that session only); 403 `{success:false, error:"Invalid API key"}` otherwise.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { RateLimitedError, UnauthorizedError } from '../../../core/errors.js';
import type { Scope } from '../../../core/tokens/scope.js';
import type { TokenService } from '../../../core/tokens/token.service.js';

export class WwebjsReply extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error ?? body.message ?? status));
  }
}

export interface WwebjsLimits {
  /** Requests per minute per key (wagate's limit; the original has none). */
  requestsPerMinute: number;
  /** Requests with a wrong key per client address per minute (then 429). */
  authFailuresPerMinute: number;
}

function keyOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header : undefined;
}

/** Per-key request limit and per-address wrong-key limit, answered as 429 in this surface's envelope. */
export async function registerLimits(app: FastifyInstance, limits: WwebjsLimits): Promise<void> {
  await app.register(rateLimit, {
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    hook: 'onRequest',
    keyGenerator: (req) => keyOf(req) ?? `ip:${req.ip}`,
    errorResponseBuilder: (_req, ctx) =>
      new RateLimitedError(
        ctx.ttl,
        `Too many requests: ${ctx.max} per minute per key; retry in ${Math.max(1, Math.ceil(ctx.ttl / 1000))} s`,
      ),
  });
}

export function registerApiKey(app: FastifyInstance, tokens: TokenService, limits: WwebjsLimits): void {
  const countFailure = app.createRateLimit({
    max: limits.authFailuresPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `wwebjs-auth-failure:${req.ip}`,
  });
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.url?.endsWith('/ping')) return;
    try {
      req.scope = await tokens.authenticate(keyOf(req));
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) throw err;
      const limit = await countFailure(req);
      if (!limit.isAllowed && limit.isExceeded)
        throw new RateLimitedError(
          limit.ttl,
          `Too many requests with an invalid API key; retry in ${limit.ttlInSeconds} s`,
        );
      throw new WwebjsReply(403, { success: false, error: 'Invalid API key' });
    }
  });
}

export function scopeOf(req: FastifyRequest): Scope {
  if (!req.scope) throw new WwebjsReply(403, { success: false, error: 'Invalid API key' });
  return req.scope;
}

/** The `{sessionId}` path parameter, checked as the original does (422 otherwise). */
export function sessionIdOf(req: FastifyRequest): string {
  const id = (req.params as { sessionId?: unknown }).sessionId;
  if (typeof id !== 'string' || !/^[\w-]+$/.test(id))
    throw new WwebjsReply(422, { success: false, error: 'Session should be alphanumerical or -' });
  return id;
}
