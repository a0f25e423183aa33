// Holds the session runtimes of this server: one per session, created on first use, resumed at
// start for sessions that were connected, stopped at shutdown.
import type { TimerClock } from '../ports/clock.js';
import type { Engine, EngineFactory } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { SessionStatus } from '../sessions/session-status.js';
import { SessionRuntime } from './session-runtime.js';
import type { RuntimeHost, RuntimeOptions, RuntimeSessionRef, RuntimeSnapshot } from './runtime.types.js';

export interface RuntimeManagerDeps {
  engines: EngineFactory;
  host: RuntimeHost;
  logger: Logger;
  /** Drives reconnect backoff, health checks, send pacing and ack deadlines. */
  clock: TimerClock;
  options: RuntimeOptions;
}

/** Statuses whose sessions should be connected again when the server starts. */
const RESUMABLE: readonly SessionStatus[] = ['connected', 'connecting'];

export class RuntimeManager {
  private readonly runtimes = new Map<string, SessionRuntime>();

  constructor(private readonly deps: RuntimeManagerDeps) {}

  /** The runtime of a session, created with the stored status when it does not exist yet. */
  runtime(ref: RuntimeSessionRef, storedStatus: SessionStatus): SessionRuntime {
    let rt = this.runtimes.get(ref.sessionId);
    if (!rt) {
      rt = new SessionRuntime(ref, storedStatus, this.deps);
      this.runtimes.set(ref.sessionId, rt);
    }
    return rt;
  }

  /** What the live runtime knows (QR, identity), or null when the session has none. */
  snapshot(sessionId: string): RuntimeSnapshot | null {
    return this.runtimes.get(sessionId)?.snapshot() ?? null;
  }

  /** H5: runs a one-off engine operation on a session's live connection (SessionRuntime.withEngine). */
  withEngine<T>(ref: RuntimeSessionRef, storedStatus: SessionStatus, fn: (engine: Engine) => Promise<T>): Promise<T> {
    return this.runtime(ref, storedStatus).withEngine(fn);
  }

  /** Settings changed: a live runtime re-reads its send policy and applies always_online at once. */
  settingsChanged(sessionId: string, settings: { always_online: boolean }, fields: string[]): void {
    this.runtimes.get(sessionId)?.settingsChanged(settings, fields);
  }

  /** New outbound work for a session: send it now if it is connected. */
  kick(sessionId: string): void {
    this.runtimes.get(sessionId)?.kick();
  }

  /** Reconnects every session that was connected (or connecting) when the server stopped. */
  async resume(sessions: Array<{ id: string; accountId: string; status: SessionStatus }>): Promise<number> {
    const due = sessions.filter((s) => RESUMABLE.includes(s.status));
    await Promise.all(due.map((s) => this.runtime({ accountId: s.accountId, sessionId: s.id }, s.status).connect()));
    if (due.length) this.deps.logger.info({ count: due.length }, 'resuming sessions');
    return due.length;
  }

  /** Stops and forgets a session's runtime, unlinking the device (session deletion). */
  async remove(ref: RuntimeSessionRef, storedStatus: SessionStatus): Promise<void> {
    const sessionId = ref.sessionId;
    const rt = this.runtime(ref, storedStatus);
    await rt
      .logout()
      .catch((err: unknown) => this.deps.logger.warn({ err, sessionId }, 'logout during deletion failed'));
    await rt.shutdown();
    this.runtimes.delete(sessionId);
  }

  /** Stops and forgets a session's runtime, keeping its credentials (cluster: the lease was lost). */
  async drop(sessionId: string): Promise<void> {
    const rt = this.runtimes.get(sessionId);
    this.runtimes.delete(sessionId);
    await rt?.shutdown();
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((rt) => rt.shutdown()));
    this.runtimes.clear();
  }
}
