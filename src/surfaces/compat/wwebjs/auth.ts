// x-api-key as the original reads it, carrying a wagate PAT (the account's sessions) or a session
// key (that session only); 403 `{success:false, error:"Invalid API key"}` otherwise.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../../../core/errors.js';
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

export function registerApiKey(app: FastifyInstance, tokens: TokenService): void {
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.url?.endsWith('/ping')) return;
    const header = req.headers['x-api-key'];
    try {
      req.scope = await tokens.authenticate(typeof header === 'string' ? header : undefined);
    } catch (err) {
      if (err instanceof UnauthorizedError) throw new WwebjsReply(403, { success: false, error: 'Invalid API key' });
      throw err;
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
