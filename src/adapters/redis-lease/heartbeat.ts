// Keeps this node's Redis leases alive: renews every held lease every TTL/3, and reports a lease it
// could not renew as lost (another node may hold the session now), so the node closes that
// session's connection at once instead of acting on a session it no longer owns. A Redis error
// counts as a failed renewal only once the lease's own TTL has passed since its last renewal.
import type { Lease } from '../../core/ports/session-lease.js';
import type { RedisSessionLease } from './index.js';

export interface LeaseHeartbeatOptions {
  lease: RedisSessionLease;
  ttlMs: number;
  /** Called once per lost lease (after which it is no longer tracked). */
  onLost: (lease: Lease) => void;
  /** Unexpected errors (Redis down); the beat goes on. */
  onError?: (err: unknown) => void;
  /**
   * How long after a renewal was sent the lease counts as surely held (`tokenOf`); default 95 % of
   * the TTL (Redis extended it no earlier than that; the 5 % cover clock-rate drift).
   */
  validMs?: number;
  /**
   * A lease renewed after a gap longer than `validMs` (an event-loop stall): writes refused during
   * the gap may have left work waiting (a send queue), so the owner can pick it up again.
   */
  onRevalidated?: (lease: Lease) => void;
}

export class LeaseHeartbeat {
  private readonly held = new Map<string, { lease: Lease; renewedAt: number }>();
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(private readonly options: LeaseHeartbeatOptions) {}

  /** Tracks a lease this node acquired; `askedAt` is when the acquire was sent (Date.now()). */
  track(lease: Lease, askedAt = Date.now()): void {
    this.held.set(lease.sessionId, { lease, renewedAt: askedAt });
  }

  /**
   * The token of a held lease while it is surely valid: renewed (or acquired) less than `validMs`
   * ago on this node's clock, counted from when the renewal was sent. Null otherwise.
   */
  tokenOf(sessionId: string): number | null {
    const h = this.held.get(sessionId);
    return h && Date.now() - h.renewedAt < this.validMs ? h.lease.token : null;
  }

  private get validMs(): number {
    return this.options.validMs ?? this.options.ttlMs * 0.95;
  }

  /** Stops tracking (released or handed over). */
  untrack(sessionId: string): void {
    this.held.delete(sessionId);
  }

  /** The leases this node believes it holds. */
  leases(): Lease[] {
    return [...this.held.values()].map((h) => h.lease);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.beat(), Math.max(100, Math.floor(this.options.ttlMs / 3)));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** One round of renewals (also called directly by tests). */
  beat(): Promise<void> {
    this.beating ??= this.renewAll().finally(() => {
      this.beating = undefined;
    });
    return this.beating;
  }

  private async renewAll(): Promise<void> {
    await Promise.all(
      [...this.held.values()].map(async (h) => {
        let renewed: boolean;
        const askedAt = Date.now();
        try {
          renewed = await this.options.lease.renew(h.lease);
        } catch (err) {
          this.options.onError?.(err);
          renewed = Date.now() - h.renewedAt < this.options.ttlMs;
          if (renewed) return;
        }
        if (renewed) {
          const gap = askedAt - h.renewedAt >= this.validMs;
          h.renewedAt = askedAt;
          if (gap) this.options.onRevalidated?.(h.lease);
          return;
        }
        if (this.held.get(h.lease.sessionId) !== h) return; // untracked meanwhile
        this.held.delete(h.lease.sessionId);
        this.options.onLost(h.lease);
      }),
    );
  }
}
