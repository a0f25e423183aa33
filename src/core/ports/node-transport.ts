// Cluster mode: how a session command reaches another node and its result comes back (the Redis
// Streams adapter, docs/adr/0017-cluster-routing.md). The transport only carries JSON; which node
// runs a command, and what happens when the holder changes, is ClusterSessionRouter's business.
import type { AppErrorJson } from '../errors.js';
import type { SessionCommand, SessionTarget } from './session-router.js';

/** What the node that received a command answers. */
export type NodeReply =
  | { ok: unknown }
  /** The holder raised an AppError (it crosses as data and is raised again at the caller). */
  | { error: AppErrorJson }
  /** A bug on the holder (not an AppError): the caller raises a plain Error. */
  | { failed: string }
  /** That node does not hold the session (any more): look the holder up again. */
  | { moved: true };

/** Runs a command that arrived for this node; the transport sends back what it resolves with. */
export type NodeCommandHandler = (target: SessionTarget, command: SessionCommand) => Promise<NodeReply>;

export interface NodeTransport {
  /**
   * Sends `command` to `node`. With `awaitReply` it resolves with the node's reply, or rejects
   * when none came within `timeoutMs` (or `signal` aborted the wait); without, it resolves with
   * null once the command is queued for the node.
   */
  send(
    node: string,
    target: SessionTarget,
    command: SessionCommand,
    options: { awaitReply: boolean; timeoutMs: number; signal?: AbortSignal },
  ): Promise<NodeReply | null>;
  /** Starts running the commands sent to this node with `handler`. */
  serve(handler: NodeCommandHandler): void;
  /** Stops taking commands (those not taken stay for a successor with the same node id). */
  stopServing(): Promise<void>;
  /** Stops everything and closes its connections. */
  close(): Promise<void>;
}
