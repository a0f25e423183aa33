// The session's own lifecycle as the runtime reports it: status changes, QR codes, the linked
// identity and log entries (reconnects, health failures).
import { sessionHealthEvent, sessionQrEvent } from '../../events/producers.js';
import type { EngineIdentity, EngineProxy } from '../../ports/engine.js';
import { canTransition, type SessionStatus } from '../../sessions/session-status.js';
import { writeStatusChange } from '../../sessions/status-change.js';
import { connectionErrorCode, type ConnectionFailure } from '../../sessions/connection-error.js';
import type { RuntimeSessionRef, SessionStatusHost } from '../runtime.types.js';
import { eventSession, type RecorderContext } from './recorder-context.js';

export class StatusRecorder implements SessionStatusHost {
  constructor(private readonly ctx: RecorderContext) {}

  async proxyFor(ref: RuntimeSessionRef): Promise<EngineProxy | null> {
    const session = await this.ctx.store.sessions.findByRef(ref.accountId, ref.sessionId);
    if (session?.settings.proxy_url) return { url: session.settings.proxy_url, checkAddress: true };
    const fallback = this.ctx.deps.defaultProxyUrl;
    return fallback ? { url: fallback, checkAddress: false } : null;
  }

  async alwaysOnline(ref: RuntimeSessionRef): Promise<boolean> {
    const session = await this.ctx.store.sessions.findByRef(ref.accountId, ref.sessionId);
    return Boolean(session?.settings.always_online);
  }

  async setStatus(ref: RuntimeSessionRef, status: SessionStatus, detail: Record<string, unknown>): Promise<void> {
    await this.ctx.tx(async (tx) => {
      // Cluster: a node that lost the session (its socket replaced by the new holder's) says nothing.
      if (!(await this.ctx.holds(tx, ref.sessionId))) return;
      const session = await tx.sessions.findByRef(ref.accountId, ref.sessionId);
      // A session being deleted is never brought back by a late engine event.
      if (!session || session.status === status || session.status === 'pending_deletion') return;
      if (!canTransition(session.status, status)) {
        this.ctx.logger.warn(
          { sessionId: ref.sessionId, from: session.status, to: status },
          'engine-driven transition outside the state machine',
        );
      }
      await writeStatusChange(tx, {
        session,
        to: status,
        event: 'status_changed',
        detail,
        now: this.ctx.now(),
        outbox: this.ctx.deps.outbox,
      });
      // WhatsApp reached (a QR to scan, or connected): the last failure is history (kept in the log).
      if ((status === 'connected' || status === 'need_scan') && session.lastError)
        await tx.sessions.update(ref.accountId, ref.sessionId, { lastError: null, updatedAt: this.ctx.now() });
    });
  }

  async connectionFailed(ref: RuntimeSessionRef, failure: ConnectionFailure): Promise<void> {
    const code = connectionErrorCode(failure);
    if (!code) return;
    const message = failure.message.slice(0, 500);
    const detail = {
      code,
      message,
      reason: failure.reason,
      status_code: failure.code,
      ...(failure.networkError ? { network_error: failure.networkError } : {}),
    };
    // At warn: an operator must see a server that cannot reach WhatsApp without asking the API.
    this.ctx.logger.warn(
      { sessionId: ref.sessionId, accountId: ref.accountId, ...detail },
      'connection to WhatsApp failed',
    );
    await this.ctx.tx(async (tx) => {
      if (!(await this.ctx.holds(tx, ref.sessionId))) return;
      const now = this.ctx.now();
      const updated = await tx.sessions.update(ref.accountId, ref.sessionId, {
        lastError: { code, message, at: now },
        updatedAt: now,
      });
      if (updated) await this.ctx.sessionLog(tx, ref, 'connection_failed', detail);
    });
  }

  async qrUpdated(ref: RuntimeSessionRef, qr: string, expiresAt: Date): Promise<void> {
    // The session log records only that the QR changed; the event carries it for webhook receivers
    // (qrcode.updated), as every seed product does.
    await this.ctx.tx(async (tx) => {
      await this.ctx.sessionLog(tx, ref, 'qr_updated', { expires_at: expiresAt.toISOString() });
      await this.ctx.append(tx, sessionQrEvent(eventSession(ref), qr, expiresAt));
    });
  }

  async setIdentity(ref: RuntimeSessionRef, identity: EngineIdentity): Promise<void> {
    await this.ctx.tx(async (tx) => {
      if (!(await this.ctx.holds(tx, ref.sessionId))) return;
      await tx.sessions.update(ref.accountId, ref.sessionId, {
        phoneNumber: identity.phoneNumber ? `+${identity.phoneNumber}` : null,
        identity: { waJid: identity.jid, waLid: identity.lid, pushName: identity.pushName },
        updatedAt: this.ctx.now(),
      });
    });
  }

  async log(ref: RuntimeSessionRef, event: string, detail: Record<string, unknown>): Promise<void> {
    await this.ctx.tx(async (tx) => {
      await this.ctx.sessionLog(tx, ref, event, detail);
      if (event === 'health_check_failed') {
        await this.ctx.append(tx, sessionHealthEvent(eventSession(ref), false, event, detail));
      }
    });
  }
}
