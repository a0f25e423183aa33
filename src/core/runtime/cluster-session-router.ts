// SessionRouter across nodes (cluster mode): a command runs on the node that holds the session's
// lease. Held here → this node's runtimes; held elsewhere → carried there by the NodeTransport and
// its result (or AppError) brought back; held by nobody → a connection command makes this node the
// holder, a command that needs a live connection is SESSION_NOT_CONNECTED, and the rest (a QR
// snapshot, a kick, a settings change) have nothing to act on. While waiting for another node the
// caller watches the lease: when the holder dies or hands the session over, it asks the new one.
// Capacity: a connection for a session nobody holds goes to this node while it has room
// (`WAGATE_NODE_MAX_SESSIONS`), else to the least loaded node with room, else it is refused (503
// CLUSTER_AT_CAPACITY). A session being handed over (rebalancing) takes no command here meanwhile.
import { AppError, appErrorFromJson, appErrorToJson, NotConnectedError, UpstreamError } from '../errors.js';
import type { Logger } from '../ports/logger.js';
import type { NodeReply, NodeTransport } from '../ports/node-transport.js';
import type { Lease, SessionLease } from '../ports/session-lease.js';
import { type ClusterLoad, leastLoadedWithRoom } from './cluster-load.js';
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
  /** Where a connection goes when this node is full; none: always here (no capacity limit). */
  load?: ClusterLoad;
  /** Closes a session's runtime on this node, keeping its credentials (handing it over). */
  dropLocal?(sessionId: string): Promise<void>;
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
/** Start a connection: they go to a node with room (capacity), 503 CLUSTER_AT_CAPACITY when none has. */
const CONNECTING: ReadonlySet<SessionCommandOp> = new Set(['connect', 'restart', 'pairingCode']);
/** Level-triggered notices: queued for the holder, not waited for (a lost one is made good by the next). */
const FIRE_AND_FORGET: ReadonlySet<SessionCommandOp> = new Set(['kick', 'settingsChanged']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ClusterSessionRouter implements SessionRouter {
  private readonly timeoutMs: number;
  private readonly checkMs: number;
  private stopping = false;
  /** Sessions this node is handing over: commands for them wait (here) or go back as `moved` (sent here). */
  private readonly moving = new Set<string>();

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
    const { lease, load } = this.deps;
    const held = await lease.holderOf(target.sessionId);
    if (this.stopping || this.moving.has(target.sessionId)) return { moved: true };
    if (!held) {
      // Sent here to be placed (this node had room when the sender looked): take it if it still has.
      if (!CONNECTING.has(command.op) || (load && !load.hasRoom())) return { moved: true };
      const mine = await lease.acquire(target.sessionId);
      if (!mine || mine.holder !== lease.nodeId) return { moved: true };
      return this.answer(mine, target, command);
    }
    if (held.holder !== lease.nodeId) return { moved: true };
    return this.answer(held, target, command);
  };

  private async answer(held: Lease, target: SessionTarget, command: SessionCommand): Promise<NodeReply> {
    try {
      return { ok: (await this.runHere(held, target, command)) ?? null };
    } catch (err) {
      if (err instanceof AppError) return { error: appErrorToJson(err) };
      this.deps.logger.error({ err, sessionId: target.sessionId, op: command.op }, 'routed session command failed');
      return { failed: err instanceof Error ? err.message : String(err) };
    }
  }

  /**
   * Hands a session this node holds over to `to` (rebalancing): no command runs on it here from
   * now on, its runtime closes (unacknowledged sends go back to the queue), its lease is released,
   * and `to` is asked to connect it (not waited for: if it does not, a takeover round will).
   */
  async handOver(held: Lease, target: SessionTarget, to: string): Promise<void> {
    const { lease, transport, dropLocal } = this.deps;
    if (!dropLocal) throw new Error('handOver needs dropLocal');
    this.moving.add(target.sessionId);
    try {
      await dropLocal(target.sessionId);
      await lease.release(held);
    } finally {
      this.moving.delete(target.sessionId);
    }
    await transport.send(to, target, { op: 'connect' }, { awaitReply: false, timeoutMs: this.timeoutMs });
  }

  /** This node is shutting down: commands sent here go back to their callers as `moved`. */
  stop(): void {
    this.stopping = true;
  }

  private async route(target: SessionTarget, command: SessionCommand): Promise<unknown> {
    const { lease } = this.deps;
    const deadline = Date.now() + this.timeoutMs;
    /** Nodes that refused to place this connection (full by now): not asked again. */
    const full = new Set<string>();
    for (let attempt = 0; ; attempt++) {
      const held = await lease.holderOf(target.sessionId);
      if (!held) {
        if (NO_RUNTIME.has(command.op)) return null;
        if (NEEDS_CONNECTION.has(command.op))
          throw new NotConnectedError('The session is not connected on any node; connect it first', {
            context: { status: target.status },
          });
        if (CONNECTING.has(command.op) && this.deps.load && !this.deps.load.hasRoom()) {
          // This node is full: the least loaded node with room takes the connection.
          const reply = await this.place(target, command, full, deadline);
          if (reply) return this.unwrap(reply);
        } else {
          // A connection command for a session nobody holds: this node takes it.
          const mine = await lease.acquire(target.sessionId);
          if (mine && mine.holder === lease.nodeId) return this.runHere(mine, target, command);
        }
      } else if (held.holder === lease.nodeId) {
        // Being handed over: a notice has nothing to do (the next holder drains the queue), the rest waits.
        if (this.moving.has(target.sessionId)) {
          if (FIRE_AND_FORGET.has(command.op)) return null;
        } else return this.runHere(held, target, command);
      } else {
        const reply = await this.remote(held, target, command, deadline);
        if (reply) return this.unwrap(reply);
      }
      // Moved, or taken by another node meanwhile: look again, a little later each time.
      if (Date.now() >= deadline) throw this.unreachable(target, held);
      await sleep(Math.min(50 * 2 ** attempt, 1_000));
    }
  }

  /**
   * Sends a connection for a session nobody holds to the least loaded node with room (this one is
   * full). Null when that node refused (full meanwhile, or the session got a holder): look again.
   */
  private async place(
    target: SessionTarget,
    command: SessionCommand,
    full: Set<string>,
    deadline: number,
  ): Promise<Exclude<NodeReply, { moved: true }> | null> {
    const { load, transport } = this.deps;
    if (!load) return null;
    full.add(load.nodeId);
    const to = leastLoadedWithRoom(await load.loads(), full);
    if (!to)
      throw new UpstreamError(
        'CLUSTER_AT_CAPACITY',
        'Every node holds as many sessions as it may (WAGATE_NODE_MAX_SESSIONS); try again later or add a node',
        { context: { refused: [...full] } },
      );
    const reply = await transport
      .send(to.node, target, command, { awaitReply: true, timeoutMs: Math.max(1, deadline - Date.now()) })
      .catch((err: unknown) => {
        this.deps.logger.warn({ err, node: to.node, sessionId: target.sessionId }, 'placing a session failed');
        return null;
      });
    if (!reply || 'moved' in reply) {
      full.add(to.node);
      return null;
    }
    return reply;
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
