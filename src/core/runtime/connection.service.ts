// The connection operations of the /v1 session API: connect, disconnect, restart, logout, the QR,
// pairing codes and the linked identity. They check the caller's scope through the session service,
// then send a command to the session's holder (SessionRouter).
import { ConflictError } from '../errors.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SessionStatus } from '../sessions/session-status.js';
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
  clock?: Clock;
  /**
   * Whether `connect` takes the lease here first (default). Cluster mode: no, the router places
   * the connection on a node with room (this one unless it is full).
   */
  leaseOnConnect?: boolean;
}

/** The longest a `GET …/qr?wait=` may hold the request. */
export const QR_MAX_WAIT_MS = 30_000;
const QR_POLL_MS = 200;
/** States in which a QR may still come: the connection is being made, or the QR is rotating. */
const QR_ON_ITS_WAY: ReadonlySet<SessionStatus> = new Set(['connecting', 'need_scan']);

/** Why there is no QR to show, with what to do about it. */
function noQrReason(session: Session, status: SessionStatus): string {
  const name = session.name ?? session.id;
  const failure = session.lastError
    ? ` The last connection attempt failed at ${session.lastError.at}: ${session.lastError.code} (${session.lastError.message}).`
    : '';
  switch (status) {
    case 'connected':
      return `Session ${name} is already linked and connected; no QR is needed`;
    case 'connecting':
      return failure
        ? `Session ${name} cannot reach WhatsApp, so there is no QR yet; it keeps retrying.${failure}`
        : `Session ${name} is connecting and its QR is on its way; ask again, or wait for it with ?wait=10`;
    case 'need_scan':
      return `Session ${name}'s QR has just expired and a new one is on its way; ask again, or wait for it with ?wait=10`;
    case 'pending_deletion':
    case 'deleted':
      return `Session ${name} is being deleted`;
    default:
      return `Session ${name} is ${status}, not waiting for a QR scan; POST …/connect to get one.${failure}`;
  }
}

/** A short wait between looks at the runtime (kept referenced: a waiting request is work in progress). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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

  /** A new attempt starts clean: the session's last_error then says how this one went. */
  private async clearLastError(session: Session): Promise<void> {
    if (!session.lastError) return;
    const now = (this.deps.clock ?? systemClock).now().toISOString();
    await this.deps.store.sessions.update(session.accountId, session.id, { lastError: null, updatedAt: now });
  }

  private reload(scope: Scope, session: Session): Promise<Session> {
    return this.deps.sessions.get(scope, session.id);
  }

  /** Starts linking (QR / pairing code) or reconnects with the stored credentials. */
  async connect(scope: Scope, ref: string): Promise<Session> {
    const session = await this.live(scope, ref);
    await this.clearLastError(session);
    // The node that connects a session nobody holds becomes its holder (its `node` on /v1).
    if (this.deps.leaseOnConnect !== false) await this.deps.lease.acquire(session.id);
    await this.deps.router.dispatch(targetOf(session), { op: 'connect' });
    return this.reload(scope, session);
  }

  /** Closes the connection, keeping the credentials. */
  async disconnect(scope: Scope, ref: string): Promise<Session> {
    return this.command(scope, ref, { op: 'disconnect' });
  }

  async restart(scope: Scope, ref: string): Promise<Session> {
    const session = await this.live(scope, ref);
    await this.clearLastError(session);
    await this.deps.router.dispatch(targetOf(session), { op: 'restart' });
    return this.reload(scope, session);
  }

  /** Unlinks the device from the phone and wipes the credentials; the session record stays. */
  async logout(scope: Scope, ref: string): Promise<Session> {
    return this.command(scope, ref, { op: 'logout' });
  }

  /**
   * The current QR string. Right after a connect the QR is still on its way: with `waitMs` (at most
   * QR_MAX_WAIT_MS) this waits for it while the session is connecting, and stops early when the
   * connection fails. 409 QR_NOT_AVAILABLE otherwise, saying why (the last connection error).
   */
  async qr(scope: Scope, ref: string, waitMs = 0): Promise<{ qr: string; expiresAt: Date }> {
    const session = await this.live(scope, ref);
    const clock = this.deps.clock ?? systemClock;
    const deadline = clock.now().getTime() + Math.min(Math.max(0, waitMs), QR_MAX_WAIT_MS);
    let current = session;
    for (;;) {
      const snap = await this.deps.router.dispatch(targetOf(session), { op: 'snapshot' });
      const status = snap?.status ?? current.status;
      if (status === 'need_scan' && snap?.qr) return { qr: snap.qr.qr, expiresAt: new Date(snap.qr.expiresAt) };
      // last_error is cleared by connect and when WhatsApp is reached: one here means this attempt failed.
      if (!QR_ON_ITS_WAY.has(status) || current.lastError || clock.now().getTime() >= deadline) {
        throw new ConflictError('QR_NOT_AVAILABLE', noQrReason(current, status), {
          context: { status, last_error: current.lastError ?? null },
        });
      }
      await sleep(QR_POLL_MS);
      current = await this.reload(scope, session);
    }
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
    if (!jid)
      throw new ConflictError(
        'SESSION_NOT_LINKED',
        `Session ${session.name ?? session.id} has not been linked to a WhatsApp account yet`,
      );
    return {
      jid,
      lid: live?.lid ?? stored?.waLid ?? null,
      pushName: live?.pushName ?? stored?.pushName ?? null,
      phoneNumber: session.phoneNumber,
    };
  }

  /** The node holding each of `sessionIds` (absent: nobody holds it). */
  async holdersOf(sessionIds: readonly string[]): Promise<Map<string, string>> {
    const held = await Promise.all(sessionIds.map((id) => this.deps.lease.holderOf(id)));
    const nodes = new Map<string, string>();
    for (const lease of held) if (lease) nodes.set(lease.sessionId, lease.holder);
    return nodes;
  }

  /**
   * Reconnects, at server start, every session that was connected when the server stopped.
   * `reconnect: false` (cluster mode) only marks stale QRs: the takeover rounds reconnect.
   */
  async resumeAll(options: { reconnect?: boolean } = {}): Promise<number> {
    // A QR shown before the stop is gone with the old connection: say so rather than claim need_scan.
    // Only sessions whose lease this node gets: two nodes never resume the same session.
    const stale = await this.deps.store.sessions.listAllWithStatus('need_scan', 10_000);
    for (const s of stale) {
      if (await this.deps.lease.acquire(s.id))
        await this.deps.router.dispatch(targetOf(s), {
          op: 'markStale',
          reason: 'server restarted while waiting for a scan',
        });
    }
    if (options.reconnect === false) return 0;
    const mine: Session[] = [];
    for (const s of await this.deps.store.sessions.listForResume())
      if (await this.deps.lease.acquire(s.id)) mine.push(s);
    await Promise.all(mine.map((s) => this.deps.router.dispatch(targetOf(s), { op: 'connect' })));
    if (mine.length) this.deps.logger.info({ count: mine.length }, 'resuming sessions');
    return mine.length;
  }
}

/** SessionTeardown through the router: a deleted session's device is unlinked, its runtime forgotten, its credentials wiped. */
export class RoutedSessionTeardown implements SessionTeardown {
  constructor(
    private readonly deps: { router: SessionRouter; lease: SessionLease; store: Pick<Store, 'engineAuth'> },
  ) {}

  async teardown(session: Session): Promise<void> {
    await this.deps.router.dispatch(targetOf(session), { op: 'remove' });
    await this.deps.store.engineAuth.clear(session.id);
    const held = await this.deps.lease.holderOf(session.id);
    if (held && held.holder === this.deps.lease.nodeId) await this.deps.lease.release(held);
  }
}
