// The connection operations of the /v1 session API: connect, disconnect, restart, logout, the QR,
// pairing codes and the linked identity. They check the caller's scope through the session service,
// then drive the session's runtime.
import { ConflictError } from '../errors.js';
import type { Logger } from '../ports/logger.js';
import type { SessionTeardown } from '../ports/session-teardown.js';
import type { Store } from '../ports/store.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Session } from '../sessions/session.types.js';
import type { Scope } from '../tokens/scope.js';
import type { RuntimeManager } from './runtime-manager.js';
import type { SessionRuntime } from './session-runtime.js';

export interface ConnectionServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'sessions' | 'engineAuth'>;
  sessions: SessionService;
  runtimes: RuntimeManager;
  logger: Logger;
}

export interface SessionIdentity {
  jid: string;
  lid: string | null;
  pushName: string | null;
  phoneNumber: string | null;
}

export class ConnectionService implements SessionTeardown {
  constructor(private readonly deps: ConnectionServiceDeps) {}

  private async runtimeFor(scope: Scope, ref: string): Promise<{ session: Session; runtime: SessionRuntime }> {
    const session = await this.deps.sessions.get(scope, ref);
    if (session.status === 'pending_deletion') {
      throw new ConflictError('SESSION_BEING_DELETED', `Session ${session.id} is being deleted`);
    }
    return { session, runtime: this.deps.runtimes.runtime({ accountId: session.accountId, sessionId: session.id }, session.status) };
  }

  private reload(scope: Scope, session: Session): Promise<Session> {
    return this.deps.sessions.get(scope, session.id);
  }

  /** Starts linking (QR / pairing code) or reconnects with the stored credentials. */
  async connect(scope: Scope, ref: string): Promise<Session> {
    const { session, runtime } = await this.runtimeFor(scope, ref);
    await runtime.connect();
    return this.reload(scope, session);
  }

  /** Closes the connection, keeping the credentials. */
  async disconnect(scope: Scope, ref: string): Promise<Session> {
    const { session, runtime } = await this.runtimeFor(scope, ref);
    await runtime.disconnect();
    return this.reload(scope, session);
  }

  async restart(scope: Scope, ref: string): Promise<Session> {
    const { session, runtime } = await this.runtimeFor(scope, ref);
    await runtime.restart();
    return this.reload(scope, session);
  }

  /** Unlinks the device from the phone and wipes the credentials; the session record stays. */
  async logout(scope: Scope, ref: string): Promise<Session> {
    const { session, runtime } = await this.runtimeFor(scope, ref);
    await runtime.logout();
    return this.reload(scope, session);
  }

  /** The current QR string; 409 QR_NOT_AVAILABLE when the session is not waiting for a scan. */
  async qr(scope: Scope, ref: string): Promise<{ qr: string; expiresAt: Date }> {
    const { session, runtime } = await this.runtimeFor(scope, ref);
    const snap = runtime.snapshot();
    if (snap.status !== 'need_scan' || !snap.qr) {
      throw new ConflictError('QR_NOT_AVAILABLE', `Session ${session.name ?? session.id} is ${snap.status}, not waiting for a QR scan; POST …/connect first`, {
        context: { status: snap.status },
      });
    }
    return snap.qr;
  }

  /** A pairing code for `phoneNumber` (E.164; linking without a camera). */
  async pairingCode(scope: Scope, ref: string, phoneNumber: string): Promise<{ code: string }> {
    const { runtime } = await this.runtimeFor(scope, ref);
    const code = await runtime.requestPairingCode(phoneNumber.replace(/\D/g, ''));
    return { code };
  }

  /** The linked WhatsApp account; 409 SESSION_NOT_LINKED before the first link. */
  async me(scope: Scope, ref: string): Promise<SessionIdentity> {
    const session = await this.deps.sessions.get(scope, ref);
    const live = this.deps.runtimes.snapshot(session.id)?.identity;
    const stored = session.identity;
    const jid = live?.jid ?? stored?.waJid ?? null;
    if (!jid) throw new ConflictError('SESSION_NOT_LINKED', `Session ${session.name ?? session.id} has not been linked to a WhatsApp account yet`);
    return {
      jid,
      lid: live?.lid ?? stored?.waLid ?? null,
      pushName: live?.pushName ?? stored?.pushName ?? null,
      phoneNumber: session.phoneNumber,
    };
  }

  /** SessionTeardown: a deleted session's device is unlinked and its runtime forgotten. */
  async teardown(session: Session): Promise<void> {
    await this.deps.runtimes.remove({ accountId: session.accountId, sessionId: session.id }, session.status);
    await this.deps.store.engineAuth.clear(session.id);
  }

  /** Reconnects, at server start, every session that was connected when the server stopped. */
  async resumeAll(): Promise<number> {
    // A QR shown before the stop is gone with the old connection: say so rather than claim need_scan.
    const stale = await this.deps.store.sessions.listAllWithStatus('need_scan', 10_000);
    for (const s of stale) {
      await this.deps.runtimes.runtime({ accountId: s.accountId, sessionId: s.id }, s.status).markStale('server restarted while waiting for a scan');
    }
    const sessions = await this.deps.store.sessions.listForResume();
    return this.deps.runtimes.resume(sessions.map((s) => ({ id: s.id, accountId: s.accountId, status: s.status })));
  }
}
