// Who holds a session: at most one node runs a session's runtime at a time. A lease carries a
// fencing token that grows with every new grant, so a node that lost its lease (paused, cut off)
// can be told apart from the current holder by anything that checks tokens. In process on one node
// (adapters/memory-lease); Redis with a TTL and heartbeats in cluster mode (later).

export interface Lease {
  sessionId: string;
  /** The node that holds it. */
  holder: string;
  /** Grows with every grant of this session's lease; never reused. */
  token: number;
}

export interface SessionLease {
  /** This node's id (the `holder` of the leases it acquires). */
  readonly nodeId: string;
  /** Takes the session's lease for this node; null when another node holds it. Re-acquiring a lease this node holds returns it unchanged. */
  acquire(sessionId: string): Promise<Lease | null>;
  /** Whether `lease` is still the current one (same holder and token). */
  isCurrent(lease: Lease): Promise<boolean>;
  /** Gives the lease up (no-op when it is no longer current). */
  release(lease: Lease): Promise<void>;
  /** The current lease of a session, or null when nobody holds it. */
  holderOf(sessionId: string): Promise<Lease | null>;
}

/**
 * Cluster mode: the fencing tokens of the leases this node holds, for the writes that carry them
 * (SessionFenceRepository). Judged on this node's clock alone, so a node that was paused past its
 * lease stops writing before it has even asked Redis.
 */
export interface LeaseTokens {
  /**
   * This node's token for the session while its lease is surely still valid; null when it holds
   * none, lost it, or has not renewed it for about a TTL.
   */
  tokenOf(sessionId: string): number | null;
}
