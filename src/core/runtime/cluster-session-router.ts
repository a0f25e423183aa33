// SessionRouter across nodes (cluster mode): a command runs on the node that holds the session's
// lease. Held here → this node's runtimes; held elsewhere → carried there by the NodeTransport and
// its result (or AppError) brought back; held by nobody → a connection command makes this node the
// holder, a command that needs a live connection is SESSION_NOT_CONNECTED, and the rest (a QR
// snapshot, a kick, a settings change) have nothing to act on. While waiting for another node the
// caller watches the lease: when the holder dies or hands the session over, it asks the new one.
import { AppError, appErrorFromJson, appErrorToJson, NotConnectedError, UpstreamError } from '../errors.js';
import type { Logger } from '../ports/logger.js';
import type { NodeReply, NodeTransport } from '../ports/node-transport.js';
import type { Lease, SessionLease } from '../ports/session-lease.js';
import type {
  SessionCommand,
  SessionCommandOp,
  SessionCommandResult,
  SessionRouter,
  SessionTarget,
} from '../ports/session-router.js';

export interface ClusterSessionRouterDeps {
  /** This node's runtimes (LocalSessionRouter). */
  local: SessionRouter;
  lease: SessionLease;
  transport: NodeTransport;
  logger: Logger;
  /** How long a caller waits for the holder's answer, across retries (default 35 s: above the send timeout). */
  commandTimeoutMs?: number;
  /** How often a waiting caller checks that the holder still holds the session (default 1 s). */
  holderCheckMs?: number;
}

/** Answered without a runtime when nobody holds the session (there is no connection to act on). */
const NO_RUNTIME: ReadonlySet<SessionCommandOp> = new Set(['snapshot', 'kick', 'settingsChanged']);
/** Need a live connection: SESSION_NOT_CONNECTED when nobody holds the session. */
const NEEDS_CONNECTION: ReadonlySet<SessionCommandOp> = new Set([
  'edit',
  'revoke',
  'react',
  'star',
  'markRead',
  'presence',
  'group',
  'people',
  'chat',
  'history',
  'channel',
]);
/** Level-triggered notices: queued for the holder, not waited for (a lost one is made good by the next). */
const FIRE_AND_FORGET: ReadonlySet<SessionCommandOp> = new Set(['kick', 'settingsChanged']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ClusterSessionRouter implements SessionRouter {
  private readonly timeoutMs: number;
  private readonly checkMs: number;
  private stopping = false;

  constructor(private readonly deps: ClusterSessionRouterDeps) {
    this.timeoutMs = deps.commandTimeoutMs ?? 35_000;
    this.checkMs = deps.holderCheckMs ?? 1_000;
  }

  async dispatch<C extends SessionCommand>(target: SessionTarget, command: C): Promise<SessionCommandResult<C>> {
    return (await this.route(target, command)) as SessionCommandResult<C>;
  }

  /**
   * Runs a command another node sent here, if this node holds the session; otherwise (or while
   * this node is stopping) answers `moved` and the caller looks the holder up again.
   */
  readonly handle = async (target: SessionTarget, command: SessionCommand): Promise<NodeReply> => {
    const held = await this.deps.lease.holderOf(target.sessionId);
    if (this.stopping || !held || held.holder !== this.deps.lease.nodeId) return { moved: true };
    try {
      return { ok: (await this.runHere(held, target, command)) ?? null };
    } catch (err) {
      if (err instanceof AppError) return { error: appErrorToJson(err) };
      this.deps.logger.error({ err, sessionId: target.sessionId, op: command.op }, 'routed session command failed');
      return { failed: err instanceof Error ? err.message : String(err) };
    }
  };

  /** This node is shutting down: commands sent here go back to their callers as `moved`. */
  stop(): void {
    this.stopping = true;
  }

  private async route(target: SessionTarget, command: SessionCommand): Promise<unknown> {
    const { lease } = this.deps;
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const held = await lease.holderOf(target.sessionId);
      if (!held) {
        if (NO_RUNTIME.has(command.op)) return null;
        if (NEEDS_CONNECTION.has(command.op))
          throw new NotConnectedError('The session is not connected on any node; connect it first', {
            context: { status: target.status },
          });
        // A connection command for a session nobody holds: this node takes it.
        const mine = await lease.acquire(target.sessionId);
        if (mine && mine.holder === lease.nodeId) return this.runHere(mine, target, command);
      } else if (held.holder === lease.nodeId) {
        return this.runHere(held, target, command);
      } else {
        const reply = await this.remote(held, target, command, deadline);
        if (reply) return this.unwrap(reply);
      }
      // Moved, or taken by another node meanwhile: look again, a little later each time.
      if (Date.now() >= deadline) throw this.unreachable(target, held);
      await sleep(Math.min(50 * 2 ** attempt, 1_000));
    }
  }

  private async runHere(held: Lease, target: SessionTarget, command: SessionCommand): Promise<unknown> {
    const result = await this.deps.local.dispatch(target, command);
    // A deleted session is held by nobody (its runtime is gone).
    if (command.op === 'remove') await this.deps.lease.release(held);
    return result;
  }

  /** The holder's reply, or null when the command must be routed again (moved, holder changed). */
  private async remote(
    held: Lease,
    target: SessionTarget,
    command: SessionCommand,
    deadline: number,
  ): Promise<Exclude<NodeReply, { moved: true }> | null> {
    const { transport, lease } = this.deps;
    if (FIRE_AND_FORGET.has(command.op)) {
      await transport.send(held.holder, target, command, { awaitReply: false, timeoutMs: deadline - Date.now() });
      return { ok: null };
    }
    const changed = new AbortController();
    const watch = setInterval(() => {
      lease
        .holderOf(target.sessionId)
        .then((now) => {
          if (!now || now.token !== held.token) changed.abort();
        })
        .catch(() => undefined);
    }, this.checkMs);
    try {
      const reply = await transport.send(held.holder, target, command, {
        awaitReply: true,
        timeoutMs: Math.max(1, deadline - Date.now()),
        signal: changed.signal,
      });
      return !reply || 'moved' in reply ? null : reply;
    } catch (err) {
      if (changed.signal.aborted) return null;
      throw this.unreachable(target, held, err);
    } finally {
      clearInterval(watch);
    }
  }

  private unwrap(reply: Exclude<NodeReply, { moved: true }>): unknown {
    if ('error' in reply) throw appErrorFromJson(reply.error);
    if ('failed' in reply) throw new Error(`the session's holder failed: ${reply.failed}`);
    return reply.ok;
  }

  private unreachable(target: SessionTarget, held: Lease | null, cause?: unknown): UpstreamError {
    return new UpstreamError(
      'SESSION_HOLDER_UNREACHABLE',
      `The node holding session ${target.sessionId} did not answer in time; try again`,
      { context: { node: held?.holder ?? null }, cause },
    );
  }
}
