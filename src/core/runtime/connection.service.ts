// The connection operations of the /v1 session API: connect, disconnect, restart, logout, the QR,
// pairing codes and the linked identity. They check the caller's scope through the session service,
// then send a command to the session's holder (SessionRouter).
import { ConflictError } from '../errors.js';
import type { Logger } from '../ports/logger.js';
import type { SessionLease } from '../ports/session-lease.js';
import { targetOf, type SessionCommand, type SessionRouter } from '../ports/session-router.js';
import type { SessionTeardown } from '../ports/session-teardown.js';
import type { Store } from '../ports/store.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Session } from '../sessions/session.types.js';
import type { Scope } from '../tokens/scope.js';

export interface ConnectionServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'sessions'>;
  sessions: SessionService;
  router: SessionRouter;
  /** At start, a session is resumed only by the node that gets its lease. */
  lease: SessionLease;
  logger: Logger;
}

export interface SessionIdentity {
  jid: string;
  lid: string | null;
  pushName: string | null;
  phoneNumber: string | null;
}

export class ConnectionService {
  constructor(private readonly deps: ConnectionServiceDeps) {}

  /** The session if the scope sees it and it is not being deleted. */
  private async live(scope: Scope, ref: string): Promise<Session> {
    const session = await this.deps.sessions.get(scope, ref);
    if (session.status === 'pending_deletion') {
      throw new ConflictError('SESSION_BEING_DELETED', `Session ${session.id} is being deleted`);
    }
    return session;
  }

  /** Runs a connection command on the session's holder, then returns the session as stored after it. */
  private async command(scope: Scope, ref: string, command: SessionCommand): Promise<Session> {
    const session = await this.live(scope, ref);
    await this.deps.router.dispatch(targetOf(session), command);
    return this.reload(scope, session);
  }

  private reload(scope: Scope, session: Session): Promise<Session> {
    return this.deps.sessions.get(scope, session.id);
  }

  /** Starts linking (QR / pairing code) or reconnects with the stored credentials. */
  async connect(scope: Scope, ref: string): Promise<Session> {
    return this.command(scope, ref, { op: 'connect' });
  }

  /** Closes the connection, keeping the credentials. */
  async disconnect(scope: Scope, ref: string): Promise<Session> {
    return this.command(scope, ref, { op: 'disconnect' });
  }

  async restart(scope: Scope, ref: string): Promise<Session> {
    return this.command(scope, ref, { op: 'restart' });
  }

  /** Unlinks the device from the phone and wipes the credentials; the session record stays. */
  async logout(scope: Scope, ref: string): Promise<Session> {
    return this.command(scope, ref, { op: 'logout' });
  }

  /** The current QR string; 409 QR_NOT_AVAILABLE when the session is not waiting for a scan. */
  async qr(scope: Scope, ref: string): Promise<{ qr: string; expiresAt: Date }> {
    const session = await this.live(scope, ref);
    const snap = await this.deps.router.dispatch(targetOf(session), { op: 'snapshot' });
    const status = snap?.status ?? session.status;
    if (status !== 'need_scan' || !snap?.qr) {
      throw new ConflictError('QR_NOT_AVAILABLE', `Session ${session.name ?? session.id} is ${status}, not waiting for a QR scan; POST …/connect first`, {
        context: { status },
      });
    }
    return { qr: snap.qr.qr, expiresAt: new Date(snap.qr.expiresAt) };
  }

  /** A pairing code for `phoneNumber` (E.164; linking without a camera). */
  async pairingCode(scope: Scope, ref: string, phoneNumber: string): Promise<{ code: string }> {
    const session = await this.live(scope, ref);
    return this.deps.router.dispatch(targetOf(session), { op: 'pairingCode', phone: phoneNumber.replace(/\D/g, '') });
  }

  /** The linked WhatsApp account; 409 SESSION_NOT_LINKED before the first link. */
  async me(scope: Scope, ref: string): Promise<SessionIdentity> {
    const session = await this.deps.sessions.get(scope, ref);
    const live = (await this.deps.router.dispatch(targetOf(session), { op: 'snapshot' }))?.identity;
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

  /** Reconnects, at server start, every session that was connected when the server stopped. */
  async resumeAll(): Promise<number> {
    // A QR shown before the stop is gone with the old connection: say so rather than claim need_scan.
    // Only sessions whose lease this node gets: two nodes never resume the same session.
    const stale = await this.deps.store.sessions.listAllWithStatus('need_scan', 10_000);
    for (const s of stale) {
      if (await this.deps.lease.acquire(s.id)) await this.deps.router.dispatch(targetOf(s), { op: 'markStale', reason: 'server restarted while waiting for a scan' });
    }
    const mine: Session[] = [];
    for (const s of await this.deps.store.sessions.listForResume()) if (await this.deps.lease.acquire(s.id)) mine.push(s);
    await Promise.all(mine.map((s) => this.deps.router.dispatch(targetOf(s), { op: 'connect' })));
    if (mine.length) this.deps.logger.info({ count: mine.length }, 'resuming sessions');
    return mine.length;
  }
}

/** SessionTeardown through the router: a deleted session's device is unlinked, its runtime forgotten, its credentials wiped. */
export class RoutedSessionTeardown implements SessionTeardown {
  constructor(private readonly deps: { router: SessionRouter; lease: SessionLease; store: Pick<Store, 'engineAuth'> }) {}

  async teardown(session: Session): Promise<void> {
    await this.deps.router.dispatch(targetOf(session), { op: 'remove' });
    await this.deps.store.engineAuth.clear(session.id);
    const held = await this.deps.lease.holderOf(session.id);
    if (held && held.holder === this.deps.lease.nodeId) await this.deps.lease.release(held);
  }
}
