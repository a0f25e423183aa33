// SessionLease in process: the single-node default. Leases live in a registry; each call makes its
// own unless given one (the contract test runs two "nodes" over one registry). A lease is held until
// released: one process needs no heartbeat.
import { randomUUID } from 'node:crypto';
import type { Lease, SessionLease } from '../../core/ports/session-lease.js';

/** The shared state of in-process leases (one per process by default). */
export class MemoryLeaseRegistry {
  readonly leases = new Map<string, Lease>();
  private lastToken = 0;

  nextToken(): number {
    this.lastToken += 1;
    return this.lastToken;
  }
}

class MemorySessionLease implements SessionLease {
  constructor(
    readonly nodeId: string,
    private readonly registry: MemoryLeaseRegistry,
  ) {}

  async acquire(sessionId: string): Promise<Lease | null> {
    const current = this.registry.leases.get(sessionId);
    if (current) return current.holder === this.nodeId ? current : null;
    const lease: Lease = { sessionId, holder: this.nodeId, token: this.registry.nextToken() };
    this.registry.leases.set(sessionId, lease);
    return lease;
  }

  async isCurrent(lease: Lease): Promise<boolean> {
    const current = this.registry.leases.get(lease.sessionId);
    return current !== undefined && current.holder === lease.holder && current.token === lease.token;
  }

  async release(lease: Lease): Promise<void> {
    if (await this.isCurrent(lease)) this.registry.leases.delete(lease.sessionId);
  }

  async holderOf(sessionId: string): Promise<Lease | null> {
    return this.registry.leases.get(sessionId) ?? null;
  }
}

export function createMemoryLease(options: { nodeId?: string; registry?: MemoryLeaseRegistry } = {}): SessionLease {
  return new MemorySessionLease(
    options.nodeId ?? `node_${randomUUID()}`,
    options.registry ?? new MemoryLeaseRegistry(),
  );
}
