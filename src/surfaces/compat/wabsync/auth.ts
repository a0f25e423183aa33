// WabSync tokens (API-CATALOG §5.1): `Authorization: Bearer WBT|<secret>`. The secret is a wagate
// token: `WBT|wg_pat_…` is the account's API token (every session; creates sessions), `WBT|wg_sk_…`
// a session token (that session only). Clients treat the whole string as opaque; the bare wagate
// token is accepted too. Sessions created here hand out their session token in this form.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimitedError, UnauthorizedError } from '../../../core/errors.js';
import type { TokenService } from '../../../core/tokens/token.service.js';
import type { Scope } from '../../../core/tokens/scope.js';

export const WBT_PREFIX = 'WBT|';

/** The wagate token inside an Authorization header (`Bearer WBT|wg_…` or `Bearer wg_…`). */
export function wagateTokenOf(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const raw = m?.[1];
  if (!raw) return undefined;
  return raw.startsWith(WBT_PREFIX) ? raw.slice(WBT_PREFIX.length) : raw;
}

/** A wagate token as WabSync shows it. */
export function toWbt(token: string): string {
  return `${WBT_PREFIX}${token}`;
}

/**
 * Every route of this instance needs a valid token (sets `req.scope`). Refusals count per client
 * address; past `failuresPerMinute` they get 429 (guessing tokens is limited where a per-token
 * limit cannot apply). Needs @fastify/rate-limit registered on this instance first.
 */
export function registerWabSyncAuth(
  app: FastifyInstance,
  tokens: TokenService,
  options: { failuresPerMinute: number; publicPaths: string[] },
): void {
  const countFailure = app.createRateLimit({
    max: options.failuresPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `wabsync-auth-failure:${req.ip}`,
  });
  const authenticate = async (req: FastifyRequest): Promise<void> => {
    try {
      req.scope = await tokens.authenticate(wagateTokenOf(req.headers.authorization));
    } catch (err) {
      if (err instanceof UnauthorizedError) {
        const limit = await countFailure(req);
        if (!limit.isAllowed && limit.isExceeded) {
          throw new RateLimitedError(
            limit.ttl,
            `Too many requests without a valid token; retry in ${limit.ttlInSeconds} s`,
          );
        }
        throw new UnauthorizedError('Invalid or missing token (Authorization: Bearer WBT|…)');
      }
      throw err;
    }
    req.log = req.log.child({ accountId: req.scope.accountId });
  };
  // A route-level hook added after the request limiter's (also route-level), so refused requests
  // carry X-RateLimit-* like every other answer.
  app.addHook('onRoute', (route) => {
    if (options.publicPaths.includes(route.url)) return;
    const existing = route.onRequest;
    route.onRequest = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), authenticate];
  });
}

/** The caller (set by the auth hook). */
export function scopeOf(req: FastifyRequest): Scope {
  if (!req.scope) throw new UnauthorizedError('Invalid or missing token (Authorization: Bearer WBT|…)');
  return req.scope;
}
