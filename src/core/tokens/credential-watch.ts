// Long-lived connections (SSE and WebSocket event streams) outlive the request that authenticated
// them, so revocation must reach them too: a stream ends when the token that opened it is revoked
// or rotated, or when the session it is scoped to is deleted. One shared poll of the store covers
// every open stream (one token query per round plus one per session-scoped stream), and it works
// across nodes because it reads the same database that the revocation wrote to.
import type { Logger } from '../ports/logger.js';
import type { StoreRepositories } from '../ports/store.js';
import type { Scope } from './scope.js';

/** Streams end within this much (plus one query) of a revocation. */
export const CREDENTIAL_CHECK_INTERVAL_MS = 300;

export interface CredentialWatchDeps {
  store: Pick<StoreRepositories, 'tokens' | 'sessions'>;
  logger: Logger;
  intervalMs?: number;
}

interface Watcher {
  accountId: string;
  tokenId: string;
  /** The session the stream is scoped to, if any: its deletion ends the stream. */
  sessionId: string | null;
  onLost: (reason: 'revoked' | 'session_deleted') => void;
}

export class CredentialWatch {
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(private readonly deps: CredentialWatchDeps) {}

  /** Calls `onLost` once the scope's token is revoked or `sessionId`'s session deleted; returns the unwatch function. */
  watch(scope: Scope, sessionId: string | null, onLost: Watcher['onLost']): () => void {
    const w: Watcher = { accountId: scope.accountId, tokenId: scope.tokenId, sessionId, onLost };
    this.watchers.add(w);
    this.timer ??= setInterval(() => void this.check(), this.deps.intervalMs ?? CREDENTIAL_CHECK_INTERVAL_MS);
    this.timer.unref();
    return () => this.unwatch(w);
  }

  /** Stops polling (server shutdown); open streams are closed by their surfaces. */
  close(): void {
    this.watchers.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private unwatch(w: Watcher): void {
    this.watchers.delete(w);
    if (this.watchers.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async check(): Promise<void> {
    if (this.checking || this.watchers.size === 0) return;
    this.checking = true;
    try {
      const watchers = [...this.watchers];
      const revoked = new Set(await this.deps.store.tokens.revokedAmong([...new Set(watchers.map((w) => w.tokenId))]));
      const sessionGone = new Map<string, boolean>();
      for (const w of watchers) {
        if (revoked.has(w.tokenId)) {
          this.lose(w, 'revoked');
          continue;
        }
        if (!w.sessionId) continue;
        const key = `${w.accountId}/${w.sessionId}`;
        if (!sessionGone.has(key)) {
          const s = await this.deps.store.sessions.findByRef(w.accountId, w.sessionId);
          sessionGone.set(key, !s || s.status === 'pending_deletion');
        }
        if (sessionGone.get(key)) this.lose(w, 'session_deleted');
      }
    } catch (err) {
      // A busy database delays the check to the next round; it never ends a stream by mistake.
      this.deps.logger.warn({ err }, 'credential check for open streams failed');
    } finally {
      this.checking = false;
    }
  }

  private lose(w: Watcher, reason: 'revoked' | 'session_deleted'): void {
    this.unwatch(w);
    try {
      w.onLost(reason);
    } catch (err) {
      this.deps.logger.warn({ err }, 'closing a stream after revocation failed');
    }
  }
}
