// Cluster mode: when a node joins (or comes back empty after a restart), the nodes holding more
// than their share hand some sessions over to it. Run by the takeover rounds, only when every
// session that should be connected is held (never during a failover, when the counts are moving).
// A node sheds at most a few sessions per round (the takeover concurrency split between the nodes
// that shed), each one gracefully: its socket closed (unacknowledged sends back to the queue), its
// lease released, and the least loaded node with room asked to connect it, which it does from the
// auth state in the store: no new link, no rescan. If that node does not, the takeover rounds of
// any node under its share take the session. Rounds are jittered by the takeover, so the nodes do
// not shed in step, and the receiver never gets more than about one round's concurrency at once.
import type { Logger } from '../ports/logger.js';
import type { Lease } from '../ports/session-lease.js';
import { targetOf, type SessionTarget } from '../ports/session-router.js';
import type { Session } from '../sessions/session.types.js';
import { type ClusterLoad, leastLoadedWithRoom, type NodeLoad, sessionsToShed } from './cluster-load.js';

export interface SessionRebalanceDeps {
  load: ClusterLoad;
  /** The leases this node holds. */
  heldLeases(): Lease[];
  /** Closes the session here, releases its lease, and asks `to` to connect it. */
  handOver(held: Lease, target: SessionTarget, to: string): Promise<void>;
  logger: Logger;
  /** Reconnects the receiving nodes take per round (shared by the nodes that shed). */
  perRound: number;
}

export class SessionRebalance {
  constructor(private readonly deps: SessionRebalanceDeps) {}

  /**
   * One round, given the sessions that should be connected (all of them held): hands over as many
   * as this node holds above its share, at most a round's pace; resolves with how many.
   */
  async round(resumable: readonly Session[]): Promise<number> {
    const { load, logger } = this.deps;
    const loads = await load.loads();
    if (loads.length < 2) return 0;
    const held = this.deps.heldLeases();
    const me: NodeLoad = loads.find((l) => l.node === load.nodeId) ?? { node: load.nodeId, held: held.length, max: 0 };
    // Sessions being linked hold leases too: count every lease, but the sessions to hold are at
    // least those stored as connected.
    const total = Math.max(
      resumable.length,
      loads.reduce((n, l) => n + l.held, 0),
    );
    const count = sessionsToShed(me, loads, total, this.deps.perRound);
    if (count === 0) return 0;
    // Only connected sessions move (one being linked would lose its QR).
    const byId = new Map(resumable.filter((s) => s.status === 'connected').map((s) => [s.id, s]));
    const movable = held.filter((l) => byId.has(l.sessionId)).slice(0, count);
    const receiving = loads.map((l) => ({ ...l }));
    let moved = 0;
    for (const lease of movable) {
      const to = leastLoadedWithRoom(receiving, new Set([load.nodeId]));
      const session = byId.get(lease.sessionId);
      if (!to || !session) break;
      to.held++;
      logger.info({ sessionId: lease.sessionId, to: to.node }, 'rebalancing: handing a session over');
      await this.deps
        .handOver(lease, targetOf(session), to.node)
        .then(() => moved++)
        .catch((err: unknown) => logger.warn({ err, sessionId: lease.sessionId }, 'handing a session over failed'));
    }
    return moved;
  }
}
