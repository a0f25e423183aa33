import type { BinaryNode } from '../binary/types.js';
import { nodeFromJson, nodeToJson, type NodeJson } from '../binary/json.js';

/** One stanza a device has not acknowledged yet. */
interface Pending {
  node: BinaryNode;
  /** The connection it was last written to; undefined = never written (the device was offline). */
  sentOn?: number;
}

/** What a device's acknowledgement names: the stanza class, its id, and (receipts, notifications) its type. */
export interface AckRef {
  tag: string;
  id: string;
  /** Compared only when given: a receipt's ack carries the receipt's type (none for delivery). */
  type?: string;
}

/**
 * Per-device stanzas (`pn:device`) the server has handed out and the device has not acknowledged,
 * as WhatsApp's server keeps them: a `<message>`, `<receipt>`, `<notification>` or `<call>` stays
 * here until the device answers it (an `<ack class>` or, for a message, a `<receipt>`), and is
 * written again to the device's next connection. Writing to an open socket is not delivery.
 */
export class DeviceQueues {
  private readonly queues = new Map<string, Pending[]>();

  constructor(saved: Record<string, NodeJson[]> = {}) {
    for (const [key, nodes] of Object.entries(saved)) {
      if (nodes.length)
        this.queues.set(
          key,
          nodes.map((j) => ({ node: nodeFromJson(j) })),
        );
    }
  }

  /** Keeps `node` for the device; `sentOn` = the connection it is being written to now, if any. */
  add(key: string, node: BinaryNode, sentOn?: number): void {
    let q = this.queues.get(key);
    if (!q) this.queues.set(key, (q = []));
    q.push(sentOn === undefined ? { node } : { node, sentOn });
  }

  /**
   * The stanzas not yet written to connection `connId`, oldest first, now marked as written to it.
   * A new connection gets everything still unacknowledged, including what an earlier one was sent.
   */
  takeUnsent(key: string, connId: number): BinaryNode[] {
    const out: BinaryNode[] = [];
    for (const p of this.queues.get(key) ?? []) {
      if (p.sentOn === connId) continue;
      p.sentOn = connId;
      out.push(p.node);
    }
    return out;
  }

  /** Forgets the oldest pending stanza the acknowledgement names; false when none matches. */
  settle(key: string, ref: AckRef): boolean {
    const q = this.queues.get(key);
    if (!q) return false;
    const i = q.findIndex(
      (p) =>
        p.node.tag === ref.tag &&
        p.node.attrs.id === ref.id &&
        (ref.type === undefined || (p.node.attrs.type ?? '') === ref.type),
    );
    if (i < 0) return false;
    q.splice(i, 1);
    if (q.length === 0) this.queues.delete(key);
    return true;
  }

  /** How many stanzas wait for `key`'s acknowledgement. */
  size(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  drop(key: string): void {
    this.queues.delete(key);
  }

  /** `pn:device` → stanzas waiting for that device's acknowledgement (devices with none left out). */
  sizes(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([key, q]) => [key, q.length]));
  }

  /** `pn:device` → the stanzas that device has not acknowledged, oldest first, named by tag, id and type. */
  listing(): Record<string, Array<{ tag: string; id: string; type?: string }>> {
    return Object.fromEntries(
      [...this.queues].map(([key, q]) => [
        key,
        q.map(({ node }) => ({
          tag: node.tag,
          id: node.attrs.id ?? '',
          ...(node.attrs.type ? { type: node.attrs.type } : {}),
        })),
      ]),
    );
  }

  count(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  /** For the state file: every pending stanza, as it will be written again (marked `offline`). */
  toJSON(): Record<string, NodeJson[]> {
    const out: Record<string, NodeJson[]> = {};
    for (const [key, q] of this.queues) out[key] = q.map((p) => nodeToJson(p.node));
    return out;
  }
}
