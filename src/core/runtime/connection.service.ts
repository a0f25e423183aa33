// The connection operations of the /v1 session API: connect, disconnect, restart, logout, the QR,
// pairing codes and the linked identity. They check the caller's scope through the session service,
// then drive the session's runtime.
import { ConflictError } from '../errors.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SessionStatus } from '../sessions/session-status.js';
import type { SessionTeardown } from '../ports/session-teardown.js';
import type { Store } from '../ports/store.js';
import { phoneNumberSchema } from '../sessions/session.schema.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Session } from '../sessions/session.types.js';
import type { Scope } from '../tokens/scope.js';
import { parseInput } from '../validate.js';
import type { RuntimeManager } from './runtime-manager.js';
import type { SessionRuntime } from './session-runtime.js';

export interface ConnectionServiceDeps {
  store: Store;
  sessions: SessionService;
  runtimes: RuntimeManager;
  logger: Logger;
  clock?: Clock;
}

/** The longest a `GET …/qr?wait=` may hold the request. */
export const QR_MAX_WAIT_MS = 30_000;
const QR_POLL_MS = 200;
/** States in which a QR may still come: the connection is being made, or the QR is rotating. */
const QR_ON_ITS_WAY: ReadonlySet<SessionStatus> = new Set(['connecting', 'need_scan']);

/** Why there is no QR to show, with what to do about it. */
function noQrReason(session: Session, status: SessionStatus): string {
  const name = session.name ?? session.id;
  const failure = session.lastError ? ` The last connection attempt failed at ${session.lastError.at}: ${session.lastError.code} (${session.lastError.message}).` : '';
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

export class ConnectionService implements SessionTeardown {
  constructor(private readonly deps: ConnectionServiceDeps) {}

  private async runtimeFor(scope: Scope, ref: string): Promise<{ session: Session; runtime: SessionRuntime }> {
    const session = await this.deps.sessions.get(scope, ref);
    if (session.status === 'pending_deletion') {
      throw new ConflictError('SESSION_BEING_DELETED', `Session ${session.id} is being deleted`);
    }
    return { session, runtime: this.deps.runtimes.runtime({ accountId: session.accountId, sessionId: session.id }, session.status) };
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
    const { session, runtime } = await this.runtimeFor(scope, ref);
    await this.clearLastError(session);
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
    await this.clearLastError(session);
    await runtime.restart();
    return this.reload(scope, session);
  }

  /** Unlinks the device from the phone and wipes the credentials; the session record stays. */
  async logout(scope: Scope, ref: string): Promise<Session> {
    const { session, runtime } = await this.runtimeFor(scope, ref);
    await runtime.logout();
    return this.reload(scope, session);
  }

  /**
   * The current QR string. Right after a connect the QR is still on its way: with `waitMs` (at most
   * QR_MAX_WAIT_MS) this waits for it while the session is connecting, and stops early when the
   * connection fails. 409 QR_NOT_AVAILABLE otherwise, saying why (the last connection error).
   */
  async qr(scope: Scope, ref: string, waitMs = 0): Promise<{ qr: string; expiresAt: Date }> {
    const { session, runtime } = await this.runtimeFor(scope, ref);
    const clock = this.deps.clock ?? systemClock;
    const deadline = clock.now().getTime() + Math.min(Math.max(0, waitMs), QR_MAX_WAIT_MS);
    let current = session;
    for (;;) {
      const snap = runtime.snapshot();
      if (snap.status === 'need_scan' && snap.qr) return snap.qr;
      // last_error is cleared by connect and when WhatsApp is reached: one here means this attempt failed.
      if (!QR_ON_ITS_WAY.has(snap.status) || current.lastError || clock.now().getTime() >= deadline) {
        throw new ConflictError('QR_NOT_AVAILABLE', noQrReason(current, snap.status), { context: { status: snap.status, last_error: current.lastError ?? null } });
      }
      await sleep(QR_POLL_MS);
      current = await this.reload(scope, session);
    }
  }

  /** A pairing code for `phoneNumber` (linking without a camera). */
  async pairingCode(scope: Scope, ref: string, phoneNumber: string): Promise<{ code: string }> {
    const phone = parseInput(phoneNumberSchema, phoneNumber, 'phone_number');
    const { runtime } = await this.runtimeFor(scope, ref);
    const code = await runtime.requestPairingCode(phone.replace(/\D/g, ''));
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
