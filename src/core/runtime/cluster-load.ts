// Cluster mode: how many sessions each live node holds, and how many it may hold. Published by every
// node (Redis, src/app/cluster.ts) and read by the rebalancer (who holds more than its share, who
// has room) and by the router (where a connect goes when this node is full). The counts are a few
// moments old at worst: a node that turns out to be full when asked refuses, and the asker tries
// another.

export interface NodeLoad {
  node: string;
  /** Sessions it holds (leases), linking ones included. */
  held: number;
  /** The most it holds (`WAGATE_NODE_MAX_SESSIONS`); 0: no limit. */
  max: number;
}

export interface ClusterLoad {
  /** This node's id. */
  readonly nodeId: string;
  /** Whether this node may take one more session. */
  hasRoom(): boolean;
  /** The live nodes' loads (this one included, counted now). */
  loads(): Promise<NodeLoad[]>;
}

export const hasRoom = (l: NodeLoad): boolean => l.max === 0 || l.held < l.max;

/**
 * The live node with room holding the fewest sessions, other than those in `except`; null when
 * every node is full. Ties go to a random one, so concurrent callers do not all pick the same.
 */
export function leastLoadedWithRoom(loads: readonly NodeLoad[], except: ReadonlySet<string>): NodeLoad | null {
  const open = loads.filter((l) => hasRoom(l) && !except.has(l.node));
  if (!open.length) return null;
  const fewest = Math.min(...open.map((l) => l.held));
  const tied = open.filter((l) => l.held === fewest);
  return tied[Math.floor(Math.random() * tied.length)] ?? null;
}

/** A node's share of `total` sessions over `live` nodes, and the slack tolerated above it. */
export function fairShare(total: number, live: number): { floor: number; ceil: number; slack: number } {
  const n = Math.max(1, live);
  const ceil = Math.ceil(total / n);
  // 10 % of a share: no churn for a session or two off on large counts; none at all on small ones.
  return { floor: Math.floor(total / n), ceil, slack: Math.floor(ceil / 10) };
}

/**
 * How many sessions `me` should hand over now so the live nodes even out, at most `perRound`.
 * A node sheds down to the ceiling of its share when it holds more than that plus the slack, or
 * when another node with room is starved (below the floor of its share less the slack). Nothing
 * when no other node has room below the ceiling (the sessions would have nowhere to go and would
 * come back).
 */
export function sessionsToShed(me: NodeLoad, loads: readonly NodeLoad[], total: number, perRound: number): number {
  const share = fairShare(total, loads.length);
  if (me.held <= share.ceil) return 0;
  const receivers = loads.filter((l) => l.node !== me.node && hasRoom(l) && l.held < share.ceil);
  if (!receivers.length) return 0;
  const starved = receivers.some((l) => l.held < share.floor - share.slack);
  if (me.held <= share.ceil + share.slack && !starved) return 0;
  // Room below the ceiling on the receivers (capped by their own limits): never shed past it.
  const room = receivers.reduce((n, l) => n + Math.min(share.ceil, l.max || share.ceil) - l.held, 0);
  // The over-share nodes shed at once: split the receivers' reconnect budget between them.
  const shedders = loads.filter((l) => l.held > share.ceil).length;
  const pace = Math.max(1, Math.floor(perRound / Math.max(1, shedders)));
  return Math.max(0, Math.min(me.held - share.ceil, room, pace));
}
