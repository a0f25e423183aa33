// Bearer-token authentication for /v1. Runs onRequest, before the body is read, so an anonymous
// caller cannot make us parse a large body. Sets `request.scope`; handlers read it with getScope().
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimitedError, UnauthorizedError } from '../../../core/errors.js';
import type { TokenService } from '../../../core/tokens/token.service.js';
import type { Scope } from '../../../core/tokens/scope.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; null until the auth hook has run (and on public routes). */
    scope: Scope | null;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** Decorate requests with `scope` (call once on the root instance). */
export function decorateScope(app: FastifyInstance): void {
  app.decorateRequest('scope', null);
}

/**
 * Require a valid token on every route registered in this (encapsulated) instance. Refused
 * requests count against their client address (`failuresPerMinute`); past it they get 429, so
 * guessing tokens or flooding without one is limited where the per-token limit cannot apply.
 * Needs @fastify/rate-limit registered on this instance first (registerRequestRateLimit).
 */
export function registerAuth(app: FastifyInstance, tokens: TokenService, options: { failuresPerMinute: number }): void {
  const countFailure = app.createRateLimit({
    max: options.failuresPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `auth-failure:${req.ip}`,
  });
  app.addHook('onRequest', async (req, reply) => {
    let scope: Scope;
    try {
      scope = await tokens.authenticate(bearerToken(req.headers.authorization));
    } catch (err) {
      if (err instanceof UnauthorizedError) {
        const limit = await countFailure(req);
        if (!limit.isAllowed && limit.isExceeded) {
          throw new RateLimitedError(
            limit.ttl,
            `Too many requests without a valid token from this address: ${limit.max} per minute; retry in ${limit.ttlInSeconds} s`,
          );
        }
      }
      throw err;
    }
    req.scope = scope;
    // Every later line of this request, "request completed" included (written through reply.log),
    // carries the account and the session: the key's own, or the one the path names.
    const sessionRef = scope.kind === 'session_key' ? scope.sessionId : sessionRefOf(req);
    req.log = req.log.child({ accountId: scope.accountId, ...(sessionRef ? { sessionId: sessionRef } : {}) });
    reply.log = req.log;
  });
}

/** The `:id` of a `/sessions/:id/…` path (an id or a name), if this is one. */
function sessionRefOf(req: FastifyRequest): string | undefined {
  if (!req.routeOptions.url?.includes('/sessions/:id')) return undefined;
  const id = (req.params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The caller's scope; throws 401 if the route was (wrongly) registered without the auth hook. */
export function getScope(req: FastifyRequest): Scope {
  if (!req.scope) throw new UnauthorizedError();
  return req.scope;
}
