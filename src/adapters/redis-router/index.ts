// NodeTransport on Redis (docs/adr/0017-cluster-routing.md): each node reads its own command
// stream `<prefix>node:<id>:cmd` with XREADGROUP (one consumer group, so a node restarted under the
// same id resumes after the last entry it took), and answers into the caller's reply list
// `<prefix>node:<caller>:replies`, which the caller drains with one BLPOP loop and matches to the
// waiting calls by request id. Two blocking connections per node (commands, replies), whatever the
// number of calls in flight. A command whose caller has given up (past its deadline) is skipped.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { NodeCommandHandler, NodeReply, NodeTransport } from '../../core/ports/node-transport.js';
import type { SessionCommand, SessionTarget } from '../../core/ports/session-router.js';

export interface RedisNodeTransportOptions {
  redis: Redis;
  nodeId: string;
  /** Namespace of every key (one per cluster; tests use one per run). */
  prefix: string;
  onError?: (err: unknown, what: string) => void;
}

interface Envelope {
  id: string;
  from: string;
  target: SessionTarget;
  command: SessionCommand;
  reply: boolean;
  /** Epoch ms after which the caller no longer waits. */
  deadline: number;
}

interface Pending {
  resolve(reply: NodeReply): void;
  reject(err: Error): void;
}

const GROUP = 'holder';
/** Entries kept per command stream at most (trimmed approximately on every append). */
const STREAM_MAX = 10_000;
/** A stream or reply list nobody touched for this long (a node gone for good) disappears. */
const STREAM_IDLE_MS = 24 * 3600_000;
const REPLIES_IDLE_MS = 60_000;
/** How long one blocking read waits before looking at the stop flag again. */
const BLOCK_MS = 1_000;
/** How long stopping waits for the commands still running. */
const DRAIN_MS = 5_000;

export class RedisNodeTransport implements NodeTransport {
  private readonly pending = new Map<string, Pending>();
  private replies: { conn: Redis; loop: Promise<void> } | null = null;
  private commands: { conn: Redis; loop: Promise<void>; stop: boolean } | null = null;
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly o: RedisNodeTransportOptions) {}

  private streamKey(node: string): string {
    return `${this.o.prefix}node:${node}:cmd`;
  }

  private repliesKey(node: string): string {
    return `${this.o.prefix}node:${node}:replies`;
  }

  async send(
    node: string,
    target: SessionTarget,
    command: SessionCommand,
    options: { awaitReply: boolean; timeoutMs: number; signal?: AbortSignal },
  ): Promise<NodeReply | null> {
    if (this.closed) throw new Error('the node transport is closed');
    const envelope: Envelope = {
      id: randomUUID(),
      from: this.o.nodeId,
      target,
      command,
      reply: options.awaitReply,
      deadline: Date.now() + options.timeoutMs,
    };
    const answered = options.awaitReply ? this.awaitReply(envelope.id, options.timeoutMs, options.signal) : null;
    const key = this.streamKey(node);
    try {
      await this.o.redis
        .multi()
        .xadd(key, 'MAXLEN', '~', STREAM_MAX, '*', 'm', JSON.stringify(envelope))
        .pexpire(key, STREAM_IDLE_MS)
        .exec();
    } catch (err) {
      this.pending.get(envelope.id)?.reject(err instanceof Error ? err : new Error(String(err)));
      throw err;
    }
    return answered;
  }

  serve(handler: NodeCommandHandler): void {
    if (this.commands || this.closed) return;
    const conn = this.o.redis.duplicate();
    const state = { conn, loop: Promise.resolve(), stop: false };
    state.loop = this.readCommands(conn, handler, state);
    this.commands = state;
  }

  async stopServing(): Promise<void> {
    const state = this.commands;
    if (!state) return;
    state.stop = true;
    state.conn.disconnect(); // ends the blocking read at once
    await state.loop;
    // Commands still running get a moment to answer their callers (a stuck one is not waited for).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((r) => {
        timer = setTimeout(r, DRAIN_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await this.stopServing();
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error('the node transport closed'));
    this.pending.clear();
    if (this.replies) {
      this.replies.conn.disconnect();
      await this.replies.loop;
    }
  }

  /** Registers a wait for the reply to `id` (and starts the reply loop on first use). */
  private awaitReply(id: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<NodeReply> {
    this.startReplies();
    return new Promise<NodeReply>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = () => {
        done();
        reject(new Error('the wait was aborted'));
      };
      signal?.addEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (reply) => {
          done();
          resolve(reply);
        },
        reject: (err) => {
          done();
          reject(err);
        },
      });
    });
  }

  private startReplies(): void {
    if (this.replies || this.closed) return;
    const conn = this.o.redis.duplicate();
    const key = this.repliesKey(this.o.nodeId);
    const loop = (async () => {
      while (!this.closed) {
        try {
          const got = await conn.blpop(key, BLOCK_MS / 1000);
          if (!got) continue;
          const { id, reply } = JSON.parse(got[1]) as { id: string; reply: NodeReply };
          this.pending.get(id)?.resolve(reply); // a late reply to a call that gave up is dropped
        } catch (err) {
          if (this.closed) return;
          this.o.onError?.(err, 'reading replies');
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    })();
    this.replies = { conn, loop };
  }

  private async readCommands(conn: Redis, handler: NodeCommandHandler, state: { stop: boolean }): Promise<void> {
    const key = this.streamKey(this.o.nodeId);
    await conn.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM').catch((err: unknown) => {
      if (!String(err).includes('BUSYGROUP')) this.o.onError?.(err, 'creating the command group');
    });
    while (!state.stop) {
      let batch: Array<[string, string[]]>;
      try {
        const res = (await conn.xreadgroup(
          'GROUP',
          GROUP,
          this.o.nodeId,
          'COUNT',
          100,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          key,
          '>',
        )) as Array<[string, Array<[string, string[]]>]> | null;
        batch = res?.[0]?.[1] ?? [];
      } catch (err) {
        if (state.stop) return;
        this.o.onError?.(err, 'reading commands');
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      // Started in stream order (the order callers sent them); they run side by side.
      for (const [entryId, fields] of batch) {
        const raw = fields[fields.indexOf('m') + 1];
        const run = this.runOne(entryId, raw, handler).finally(() => this.running.delete(run));
        this.running.add(run);
      }
    }
  }

  private async runOne(entryId: string, raw: string | undefined, handler: NodeCommandHandler): Promise<void> {
    const key = this.streamKey(this.o.nodeId);
    try {
      const envelope = raw ? (JSON.parse(raw) as Envelope) : null;
      if (envelope && Date.now() < envelope.deadline) {
        const reply = await handler(envelope.target, envelope.command);
        if (envelope.reply) {
          const to = this.repliesKey(envelope.from);
          await this.o.redis
            .multi()
            .rpush(to, JSON.stringify({ id: envelope.id, reply }))
            .pexpire(to, REPLIES_IDLE_MS)
            .exec();
        }
      }
    } catch (err) {
      this.o.onError?.(err, 'running a command');
    } finally {
      // Taken: acknowledged and removed (the stream holds only what is still to do).
      await this.o.redis
        .multi()
        .xack(key, GROUP, entryId)
        .xdel(key, entryId)
        .exec()
        .catch((err: unknown) => this.o.onError?.(err, 'acknowledging a command'));
    }
  }
}

export function createRedisNodeTransport(options: RedisNodeTransportOptions): NodeTransport {
  return new RedisNodeTransport(options);
}
