// One runtime per session, the connection supervisor: it owns the engine connection, reconnects
// with backoff and jitter on transient drops, tells "logged out from the phone" apart from network
// trouble, restarts on 515, and watches the connection's health (a connection that stops answering
// pings, or leaves a sent message unacknowledged, is checked and rebuilt, so the status never claims
// `connected` for a zombie). The session's queue is drained by its SendPump (send-pump.ts), started
// on every open connection and stopped when it goes.
import { ConflictError, NotConnectedError } from '../errors.js';
import type { TimerClock } from '../ports/clock.js';
import type { Engine, EngineEvent, EngineFactory, EngineIdentity } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { SessionStatus } from '../sessions/session-status.js';
import { ConnectionHealth } from './connection-health.js';
import { handleInbound } from './inbound-events.js';
import { ReconnectSchedule } from './reconnect-schedule.js';
import { SendPump } from './send-pump.js';
import { withTimeout } from './timing.js';
import type { RuntimeHost, RuntimeOptions, RuntimeSessionRef, RuntimeSnapshot } from './runtime.types.js';

export interface SessionRuntimeDeps {
  engines: EngineFactory;
  host: RuntimeHost;
  logger: Logger;
  clock: TimerClock;
  options: RuntimeOptions;
}

export class SessionRuntime {
  private engine: Engine | null = null;
  private wanted = false;
  private stopped = false;
  private status: SessionStatus;
  private qr: RuntimeSnapshot['qr'] = null;
  private identity: EngineIdentity | null = null;
  /** Engine events (and connection checks) are handled one at a time, in order. */
  private events: Promise<void> = Promise.resolve();
  private readonly reconnects: ReconnectSchedule;
  private readonly pump: SendPump;
  private readonly health: ConnectionHealth;
  private readonly log: Logger;

  readonly sessionId: string;

  constructor(
    private readonly ref: RuntimeSessionRef,
    initialStatus: SessionStatus,
    private readonly deps: SessionRuntimeDeps,
  ) {
    this.sessionId = ref.sessionId;
    this.status = initialStatus;
    this.log = deps.logger.child({ sessionId: ref.sessionId, accountId: ref.accountId });
    this.reconnects = new ReconnectSchedule(deps.clock, deps.options);
    const parts = { ref, host: deps.host, clock: deps.clock, logger: this.log, options: deps.options };
    this.pump = new SendPump({
      ...parts,
      onConnectionSuspect: (why) => this.inOrder(() => this.verifyConnection(why)),
    });
    this.health = new ConnectionHealth({
      ...parts,
      liveEngine: () => (this.status === 'connected' && !this.stopped ? this.engine : null),
      onDead: () => this.inOrder(() => this.rebuild('health check failed')),
    });
  }

  snapshot(): RuntimeSnapshot {
    return {
      status: this.status,
      qr: this.qr && this.qr.expiresAt > this.deps.clock.now() ? this.qr : null,
      identity: this.identity,
    };
  }

  /** Starts linking or reconnects. Idempotent while a connection is up or being made. */
  async connect(): Promise<void> {
    this.wanted = true;
    if (this.engine && ['connecting', 'need_scan', 'connected'].includes(this.status)) return;
    await this.startEngine('connect requested');
  }

  /** Closes the connection and keeps the credentials. */
  async disconnect(): Promise<void> {
    this.wanted = false;
    await this.closeConnection();
    this.qr = null;
    await this.setStatus('disconnected', { reason: 'disconnect_requested' });
  }

  async restart(): Promise<void> {
    this.wanted = true;
    await this.closeConnection();
    await this.startEngine('restart requested');
  }

  /** Unlinks the device and wipes the credentials. */
  async logout(): Promise<void> {
    this.wanted = false;
    this.clearTimers();
    await this.pump.stop();
    const engine = this.engine ?? this.createEngine();
    await engine.logout();
    this.qr = null;
    this.identity = null;
    await this.setStatus('logged_out', { reason: 'logout_requested' });
  }

  /** Stops the connection for a server shutdown; the stored status stays so the next start resumes. */
  async shutdown(): Promise<void> {
    this.wanted = false;
    this.stopped = true;
    await this.closeConnection();
    await this.events;
  }

  /** At server start, for a session whose stored state belongs to a connection that no longer exists. */
  async markStale(reason: string): Promise<void> {
    if (this.engine) return;
    await this.setStatus('disconnected', { reason });
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    if (this.status !== 'need_scan' || !this.engine) {
      throw new ConflictError('SESSION_NOT_PAIRING', 'The session is not waiting to be linked; connect it first', {
        context: { status: this.status },
      });
    }
    return this.engine.requestPairingCode(phoneNumber);
  }

  /** New work was queued: send it if connected. */
  kick(): void {
    if (this.status === 'connected') this.pump.kick();
  }

  /**
   * H5: runs a one-off operation on the live connection (edit, revoke, react, star, mark read,
   * presence), bounded by the send timeout. These bypass the send queue: they are acts on messages
   * already sent, not new messages. NotConnectedError unless connected.
   */
  async withEngine<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    const engine = this.engine;
    if (this.status !== 'connected' || !engine)
      throw new NotConnectedError(`The session is ${this.status}; connect it first`, {
        context: { status: this.status },
      });
    return withTimeout(fn(engine), this.deps.options.sendTimeoutMs, this.deps.clock);
  }

  /**
   * The session's settings changed: pace by the new ones, apply always_online at once, and move a
   * live connection to a changed proxy (a reconnect with the same credentials: no new link).
   */
  settingsChanged(settings: { always_online: boolean }, fields: string[]): void {
    this.pump.policyChanged();
    if (fields.includes('always_online')) this.showPresence(settings.always_online);
    if (fields.includes('proxy_url') && this.wanted && this.engine && !this.stopped)
      this.inOrder(async () => {
        await this.closeConnection();
        await this.startEngine('proxy changed');
      }, 'moving the connection to the new proxy');
  }

  /** Runs `task` after the engine events before it, never beside one (a failure is logged). */
  private inOrder(task: () => Promise<void>, what = 'a connection task'): void {
    this.events = this.events.then(task).catch((err: unknown) => {
      this.log.error({ err }, `${what} failed`);
    });
  }

  private createEngine(): Engine {
    this.engine = this.deps.engines.create({
      sessionId: this.sessionId,
      onEvent: (event) => this.inOrder(() => this.handle(event), `handling the engine event ${event.type}`),
      proxy: () => this.deps.host.proxyFor(this.ref),
    });
    return this.engine;
  }

  private async startEngine(why: string): Promise<void> {
    this.clearTimers();
    const engine = this.engine ?? this.createEngine();
    await this.setStatus('connecting', { reason: why });
    try {
      await engine.start();
    } catch (err) {
      this.log.warn({ err }, 'engine start failed');
      await this.scheduleReconnect('start_failed');
    }
  }

  /** Our own close (disconnect, restart, shutdown, rebuild): the pump stops first and requeues. */
  private async closeConnection(): Promise<void> {
    this.clearTimers();
    await this.pump.stop();
    await this.engine?.stop();
  }

  private async handle(event: EngineEvent): Promise<void> {
    const host = this.deps.host;
    switch (event.type) {
      case 'connecting':
        if (this.status !== 'connecting' && this.status !== 'need_scan') await this.setStatus('connecting', {});
        return;
      case 'qr':
        this.qr = { qr: event.qr, expiresAt: event.expiresAt };
        await host.qrUpdated(this.ref, event.qr, event.expiresAt);
        if (this.status !== 'need_scan') await this.setStatus('need_scan', {});
        return;
      case 'open':
        return this.onOpen(event.identity);
      case 'close':
        return this.onClose(event);
      case 'server_ack':
        return this.pump.serverAck(event.waId, event.error);
      case 'message':
      case 'history':
      case 'call':
      case 'chat':
      case 'directory':
      case 'status':
        return handleInbound(event, { ref: this.ref, host, engine: this.engine, log: this.log });
    }
  }

  private async onOpen(identity: EngineIdentity): Promise<void> {
    const host = this.deps.host;
    this.clearTimers();
    this.reconnects.reset(); // a reconnect scheduled by an earlier close is no longer needed
    this.qr = null;
    this.identity = identity;
    await host.setIdentity(this.ref, identity);
    // Whatever was in flight on an earlier connection (or before a crash) leaves again, same ids.
    await host.recoverInFlight(this.ref);
    await this.setStatus('connected', { jid: identity.jid, lid: identity.lid });
    if (await host.alwaysOnline(this.ref)) this.showPresence(true);
    this.health.start();
    if (this.engine) this.pump.start(this.engine);
  }

  private async onClose(event: Extract<EngineEvent, { type: 'close' }>): Promise<void> {
    this.health.stop();
    await this.pump.stop();
    this.qr = null;
    await this.deps.host.connectionFailed(this.ref, event);
    const detail = { reason: event.reason, code: event.code, message: event.message };
    switch (event.reason) {
      case 'restart_required':
        if (this.wanted) await this.startEngine('restart required by server (515)');
        return;
      case 'logged_out':
        this.wanted = false;
        this.identity = null;
        await this.setStatus('logged_out', detail);
        return;
      case 'qr_timeout':
      case 'replaced':
        this.wanted = false;
        await this.setStatus('disconnected', detail);
        return;
      case 'forbidden':
        this.wanted = false;
        await this.setStatus('failed', detail);
        return;
      default:
        if (!this.wanted) return;
        await this.setStatus('connecting', detail);
        await this.scheduleReconnect(event.reason);
    }
  }

  private async scheduleReconnect(reason: string): Promise<void> {
    if (!this.wanted) return;
    const next = this.reconnects.schedule((attempt) => {
      if (!this.wanted || this.stopped) return;
      this.startEngine(`reconnect attempt ${attempt}`).catch((err: unknown) =>
        this.log.error({ err }, 'reconnect failed'),
      );
    });
    if (next)
      await this.deps.host.log(this.ref, 'reconnect_scheduled', {
        reason,
        attempt: next.attempt,
        delay_ms: next.delayMs,
      });
  }

  /**
   * A send hit a lost connection, or a sent message has no server ack after `ackTimeoutMs`: one
   * short ping decides. Silent → rebuilt now (within ackTimeoutMs + the ping's timeout of the send,
   * not after the periodic checks); alive → the pump goes on.
   */
  private async verifyConnection(why: 'lost' | 'unanswered'): Promise<void> {
    if (this.status !== 'connected' || !this.engine || this.stopped) return;
    const { ackTimeoutMs, healthTimeoutMs } = this.deps.options;
    if (await this.health.answers(Math.min(ackTimeoutMs, healthTimeoutMs))) {
      if (why === 'lost') this.pump.start(this.engine);
      return;
    }
    await this.rebuild(why === 'lost' ? 'connection lost while sending' : 'sent messages unanswered');
  }

  private async rebuild(why: string): Promise<void> {
    if (this.status !== 'connected' || this.stopped) return;
    this.log.warn({ why }, 'connection stopped answering; rebuilding it');
    // Known dead now: say so before the old socket's teardown (up to a second for a frozen peer).
    await this.setStatus('connecting', { reason: why });
    await this.closeConnection();
    await this.startEngine(why);
  }

  /**
   * always_online: shown as online (WhatsApp then also sends active delivery receipts) or not. Off by
   * default so the phone keeps getting notifications.
   */
  private showPresence(online: boolean): void {
    if (this.status !== 'connected') return;
    this.engine
      ?.sendPresence(online ? 'available' : 'unavailable')
      .catch((err: unknown) => this.log.warn({ err }, 'setting presence failed'));
  }

  private async setStatus(status: SessionStatus, detail: Record<string, unknown>): Promise<void> {
    if (this.status === status) return;
    const from = this.status;
    this.status = status;
    await this.deps.host.setStatus(this.ref, status, { from, ...detail });
  }

  private clearTimers(): void {
    this.reconnects.cancel();
    this.health.stop();
  }
}
