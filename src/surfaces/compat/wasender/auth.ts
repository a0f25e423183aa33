// WasenderApi tokens are wagate's own: an account PAT (wg_pat_…) is its personal access token, a
// session key (wg_sk_…) is that session's `api_key`. Both come as `Authorization: Bearer <token>`;
// one vendor page writes `Bearer token <key>`, which is accepted too.
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import type { Scope, SessionKeyScope } from '../../../core/tokens/scope.js';

function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(?:token\s+)?(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** The caller's scope, or 401 with the vendor's messages. */
export async function wasenderScope(services: CoreServices, req: FastifyRequest): Promise<Scope> {
  const raw = tokenOf(req.headers.authorization);
  if (!raw) throw new UnauthorizedError('API key is required');
  try {
    return await services.tokens.authenticate(raw);
  } catch (err) {
    if (err instanceof UnauthorizedError) throw new UnauthorizedError('Invalid API key');
    throw err;
  }
}

/** Session-scoped routes (/status, /send-message, …) need a session's api_key. */
export async function sessionKeyScope(services: CoreServices, req: FastifyRequest): Promise<SessionKeyScope> {
  const scope = await wasenderScope(services, req);
  if (scope.kind !== 'session_key') throw new UnauthorizedError('Invalid API key');
  return scope;
}
