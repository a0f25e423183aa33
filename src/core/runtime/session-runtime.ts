// One runtime per session: it owns the engine connection, reconnects with backoff and jitter on
// transient drops, tells "logged out from the phone" apart from network trouble, restarts on 515,
// watches its own health (a connection that stops answering pings is rebuilt, so the status never
// claims `connected` for a zombie), and drains the session's FIFO send queue while connected.
import { backoffDelay } from '../../lib/backoff.js';
import { ConflictError, NotConnectedError } from '../errors.js';
import type { Engine, EngineEvent, EngineFactory, EngineIdentity, InboundMessage } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { SessionStatus } from '../sessions/session-status.js';
import { typingDurationMs, type SendPolicy } from '../limits/send-limits.js';
import type { OutgoingWork, RuntimeHost, RuntimeOptions, RuntimeSessionRef, RuntimeSnapshot } from './runtime.types.js';

export interface SessionRuntimeDeps {
  engines: EngineFactory;
  host: RuntimeHost;
  logger: Logger;
  options: RuntimeOptions;
}

/** How long one engine send may take before we treat the connection as broken. */
const SEND_TIMEOUT_MS = 30_000;

export class SessionRuntime {
  private engine: Engine | null = null;
  private wanted = false;
  private status: SessionStatus;
  private qr: RuntimeSnapshot['qr'] = null;
  private identity: EngineIdentity | null = null;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private healthFailures = 0;
  private draining = false;
  private stopped = false;
  private policy: SendPolicy | undefined;
  private checkingHealth = false;
  private inFlight = 0;
  private lastSentAt = 0;
  private readonly slotWaiters: Array<() => void> = [];
  private readonly sleepers = new Set<() => void>();
  /** Engine events are handled one at a time, in order. */
  private events: Promise<void> = Promise.resolve();
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
  }

  snapshot(): RuntimeSnapshot {
    return { status: this.status, qr: this.qr && this.qr.expiresAt > new Date() ? this.qr : null, identity: this.identity };
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
    this.clearTimers();
    await this.engine?.stop();
    this.qr = null;
    await this.setStatus('disconnected', { reason: 'disconnect_requested' });
  }

  async restart(): Promise<void> {
    this.wanted = true;
    this.clearTimers();
    await this.engine?.stop();
    await this.startEngine('restart requested');
  }

  /** Unlinks the device and wipes the credentials. */
  async logout(): Promise<void> {
    this.wanted = false;
    this.clearTimers();
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
    this.sleepers.forEach((wake) => wake());
    this.clearTimers();
    await this.engine?.stop();
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
    if (this.status === 'connected') this.runDrain();
  }

  /**
   * H5: runs a one-off operation on the live connection (edit, revoke, react, star, mark read,
   * presence), bounded by the send timeout. These bypass the send queue: they are acts on messages
   * already sent, not new messages. NotConnectedError unless connected.
   */
  async withEngine<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    const engine = this.engine;
    if (this.status !== 'connected' || !engine) throw new NotConnectedError(`The session is ${this.status}; connect it first`, { context: { status: this.status } });
    return withTimeout(fn(engine), SEND_TIMEOUT_MS);
  }

  private createEngine(): Engine {
    this.engine = this.deps.engines.create({
      sessionId: this.sessionId,
      onEvent: (event) => {
        this.events = this.events.then(() => this.handle(event)).catch((err: unknown) => {
          this.log.error({ err, event: event.type }, 'handling an engine event failed');
        });
      },
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
        this.attempt = 0;
        this.policy = undefined;
        this.qr = null;
        this.identity = event.identity;
        await host.setIdentity(this.ref, event.identity);
        await host.recoverInFlight(this.ref);
        await this.setStatus('connected', { jid: event.identity.jid, lid: event.identity.lid });
        if (await host.alwaysOnline(this.ref)) this.showPresence(true);
        this.startHealth();
        this.runDrain();
        return;
      case 'close':
        return this.onClose(event);
      case 'message': {
        const outcome = await host.recordInbound(this.ref, event.message, event.live);
        if (outcome?.markRead) this.markReadLater(event.message);
        return;
      }
      case 'call': {
        const { reject } = await host.recordCall(this.ref, event.call);
        if (reject) {
          this.engine?.rejectCall(event.call.callId, event.call.from).catch((err: unknown) => this.log.warn({ err, callId: event.call.callId }, 'rejecting a call failed'));
        }
        return;
      }
      case 'status':
        await host.applyStatus(this.ref, event.waId, event.status, event.at, event.error);
        return;
    }
  }

  private async onClose(event: Extract<EngineEvent, { type: 'close' }>): Promise<void> {
    this.stopHealth();
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
    if (!this.wanted || this.reconnectTimer) return;
    const delay = backoffDelay(this.attempt++, { baseMs: this.deps.options.reconnectBaseMs, maxMs: this.deps.options.reconnectMaxMs });
    await this.deps.host.log(this.ref, 'reconnect_scheduled', { reason, attempt: this.attempt, delay_ms: delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.wanted && !this.stopped) {
        this.startEngine(`reconnect attempt ${this.attempt}`).catch((err: unknown) => this.log.error({ err }, 'reconnect failed'));
      }
    }, delay);
    this.reconnectTimer.unref();
  }

  private startHealth(): void {
    this.stopHealth();
    this.healthFailures = 0;
    const { healthIntervalMs } = this.deps.options;
    this.healthTimer = setInterval(() => {
      this.checkHealth().catch((err: unknown) => this.log.error({ err }, 'health check failed to run'));
    }, healthIntervalMs);
    this.healthTimer.unref();
  }

  private async checkHealth(): Promise<void> {
    const engine = this.engine;
    if (!engine || this.status !== 'connected' || this.stopped || this.checkingHealth) return;
    this.checkingHealth = true;
    try {
      await engine.ping(this.deps.options.healthTimeoutMs);
      this.healthFailures = 0;
    } catch (err) {
      if (this.stopped) return;
      this.healthFailures++;
      await this.deps.host.log(this.ref, 'health_check_failed', { failures: this.healthFailures, error: String(err) });
      if (this.healthFailures >= this.deps.options.healthFailuresBeforeReconnect && this.status === 'connected' && !this.stopped) {
        this.log.warn({ failures: this.healthFailures }, 'connection stopped answering; rebuilding it');
        await this.engine?.stop();
        await this.startEngine('health check failed');
      }
    } finally {
      this.checkingHealth = false;
    }
  }

  /**
   * Sends the session's queued messages oldest first while connected, paced by its send policy:
   * at most `maxInFlight` at once, each send starting no sooner than `minIntervalMs` after the
   * previous one left (5 s with account protection), with "typing…" shown first when asked.
   */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const host = this.deps.host;
    try {
      while (this.status === 'connected' && this.engine && !this.stopped) {
        const engine = this.engine;
        // Read once, then kept until the settings change (settingsChanged) or the next connection.
        const policy = (this.policy ??= await host.sendPolicy(this.ref));
        if (this.inFlight >= policy.maxInFlight) {
          await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
          continue;
        }
        const wait = this.lastSentAt + policy.minIntervalMs - Date.now();
        if (wait > 0) {
          await this.sleep(wait);
          continue; // re-check the connection and the policy after waiting
        }
        const work = await host.claimNextOutgoing(this.ref, () => engine.newMessageId());
        if (!work) break;
        this.inFlight++;
        const sending = this.sendOne(engine, work, policy).finally(() => {
          this.inFlight--;
          this.slotWaiters.splice(0).forEach((resolve) => resolve());
        });
        if (policy.maxInFlight <= 1) {
          if (!(await sending)) break;
        } else {
          // Ordered starts, overlapping sends; stop launching when one reports a broken connection.
          void sending.then((ok) => {
            if (!ok) this.kickLater();
          });
          this.lastSentAt = Date.now();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** The session's settings changed: pace by the new ones, and apply always_online at once. */
  settingsChanged(settings: { always_online: boolean }, fields: string[]): void {
    this.policy = undefined;
    if (fields.includes('always_online')) this.showPresence(settings.always_online);
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

  /** read_incoming: the message is marked read on WhatsApp, outside the event queue (it is a network call). */
  private markReadLater(m: InboundMessage): void {
    const isGroup = m.chat.endsWith('@g.us');
    const participant = isGroup ? (m.senderLid ?? m.senderJid) : null;
    this.engine
      ?.markRead([{ chat: m.chat, waId: m.waId, fromMe: false, participant }])
      .catch((err: unknown) => this.log.warn({ err, waId: m.waId }, 'marking an incoming message read failed'));
  }

  /** Starts draining in the background; failures are logged (e.g. the store closing at shutdown). */
  private runDrain(): void {
    this.drain().catch((err: unknown) => {
      if (!this.stopped) this.log.error({ err }, 'sending queued messages failed');
    });
  }

  /** One send; false when the connection broke and the message went back to the queue. */
  private async sendOne(engine: Engine, work: OutgoingWork, policy: SendPolicy): Promise<boolean> {
    const host = this.deps.host;
    try {
      if (policy.typing) {
        const state = (work.content.kind as string) === 'audio' ? 'recording' : 'composing';
        await engine.sendPresence(state, work.to).catch(() => undefined);
        await this.sleep(typingDurationMs(contentTextLength(work.content)));
        await engine.sendPresence('paused', work.to).catch(() => undefined);
      }
      this.lastSentAt = Date.now();
      await withTimeout(engine.send(work.to, work.content, work.waId), SEND_TIMEOUT_MS);
      await host.markSent(work.messageId, new Date());
      return true;
    } catch (err) {
      if (this.status !== 'connected' || this.stopped || err instanceof NotConnectedError || isTimeout(err)) {
        // The connection broke under us: the message goes back to the head of the queue with the
        // same WhatsApp id and leaves when we are connected again.
        await host.requeue(work.messageId).catch((e: unknown) => this.log.error({ err: e }, 'requeue failed'));
        if (isTimeout(err)) this.checkHealth().catch(() => undefined);
        return false;
      }
      await host.markFailed(work.messageId, err instanceof Error ? err.message : String(err));
      return true;
    }
  }

  private kickLater(): void {
    setTimeout(() => this.kick(), 1000).unref();
  }

  /** A timer that a shutdown cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // A sleep that starts after shutdown (a drain that was mid-query) must not hold the process.
      if (this.stopped) return resolve();
      const timer = setTimeout(() => {
        this.sleepers.delete(wake);
        resolve();
      }, ms);
      timer.unref();
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      this.sleepers.add(wake);
    });
  }

  private async setStatus(status: SessionStatus, detail: Record<string, unknown>): Promise<void> {
    if (this.status === status) return;
    const from = this.status;
    this.status = status;
    await this.deps.host.setStatus(this.ref, status, { from, ...detail });
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.stopHealth();
  }

  private stopHealth(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
  }
}

/** Characters a person would type for this content (text or caption). */
function contentTextLength(content: OutgoingWork['content']): number {
  const c = content as { text?: unknown; caption?: unknown };
  const text = typeof c.text === 'string' ? c.text : typeof c.caption === 'string' ? c.caption : '';
  return text.length;
}

class TimeoutError extends Error {}
const isTimeout = (err: unknown): boolean => err instanceof TimeoutError;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
