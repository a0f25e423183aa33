// Cluster mode: the engine's auth state (credentials, Signal sessions and keys) written only by the
// session's current holder. Every write advances the session's fence in its own transaction, so a
// node that lost the lease (paused past its TTL, cut off) cannot overwrite the ratchets the new
// holder is using, even before it notices. Reads and wipes pass through unchanged.
import type { EngineAuthStore } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { LeaseTokens } from '../ports/session-lease.js';
import type { Store } from '../ports/store.js';

/** A write of a session's auth state by a node that no longer holds it. */
export class FencedWriteError extends Error {
  constructor(sessionId: string) {
    super(`auth state of ${sessionId} not written: this node no longer holds the session`);
    this.name = 'FencedWriteError';
  }
}

export function fencedEngineAuth(
  store: Pick<Store, 'engineAuth' | 'transaction'>,
  tokens: LeaseTokens,
  logger: Logger,
): EngineAuthStore {
  return {
    get: (sessionId, type, ids) => store.engineAuth.get(sessionId, type, ids),
    set: (sessionId, changes) =>
      store.transaction(async (tx) => {
        const token = tokens.tokenOf(sessionId);
        if (token === null || !(await tx.fences.advance(sessionId, token))) {
          logger.warn({ sessionId, token }, 'auth state write refused: this node no longer holds the session');
          throw new FencedWriteError(sessionId);
        }
        await tx.engineAuth.set(sessionId, changes);
      }),
    clear: (sessionId) => store.engineAuth.clear(sessionId),
  };
}
