// Cluster mode: sessions that should be connected but that no node holds (their holder died, or
// handed them over while shutting down) are taken by the live nodes. Every round (about once per
// `intervalMs`, jittered so the nodes do not ask in step) a node looks at the sessions stored as
// connected or connecting, takes the lease of at most `concurrency` unheld ones, within its
// capacity, and reconnects them from the auth state in the store: no new link, no rescan. The
// lease is atomic in Redis, so two nodes never take the same session; a bounded number per round
// keeps a failover from turning into a reconnect storm. A node stops taking at its fair share
// (the sessions to hold over the live nodes, rounded up), so a cold start or a dead node's sessions
// spread evenly; a session left unheld for a few rounds is taken anyway (a node count that is off
// for a moment never strands one). When every such session is held, the round ends with a
// rebalance (session-rebalance.ts): a node above its share hands some over to the nodes below it.
import type { Logger } from '../ports/logger.js';
import type { SessionLease } from '../ports/session-lease.js';
import { targetOf, type SessionRouter } from '../ports/session-router.js';
import type { Store } from '../ports/store.js';
import type { SessionRebalance } from './session-rebalance.js';

export interface SessionTakeoverDeps {
  store: Pick<Store, 'sessions'>;
  lease: SessionLease;
  /** This node's runtimes: a session taken over is connected here. */
  local: SessionRouter;
  logger: Logger;
  /** Mean time between rounds. */
  intervalMs: number;
  /** Sessions taken per round at most. */
  concurrency: number;
  /** Sessions this node holds at most (0: no limit). */
  maxSessions: number;
  /** How many sessions this node holds now. */
  heldCount(): number;
  /** How many nodes are alive now (this one included); none: no fair-share cap. */
  liveNodes?(): Promise<number>;
  /** Evens the nodes out once every session is held (cluster mode); none: no rebalancing. */
  rebalance?: SessionRebalance;
}

/** Rounds a session may stay unheld before a node above its fair share takes it anyway. */
const UNHELD_ROUNDS_BEFORE_ANY = 3;

export class SessionTakeover {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Promise<number> | undefined;
  private stopped = false;
  /** Sessions seen unheld, and in how many rounds in a row. */
  private unheld = new Map<string, number>();

  constructor(private readonly deps: SessionTakeoverDeps) {}

  /** Starts the rounds, the first one at once. */
  start(): void {
    this.stopped = false;
    this.round()
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'session takeover round failed'))
      .finally(() => this.schedule());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current?.catch(() => undefined);
  }

  /** One round: takes (and connects) up to `concurrency` unheld sessions; resolves with how many. */
  round(): Promise<number> {
    this.current ??= this.takeSome().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.deps.intervalMs * (0.5 + Math.random());
    this.timer = setTimeout(() => {
      this.round()
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'session takeover round failed'))
        .finally(() => this.schedule());
    }, delay);
    this.timer.unref?.();
  }

  private hasRoom(): boolean {
    const { maxSessions, heldCount } = this.deps;
    return maxSessions === 0 || heldCount() < maxSessions;
  }

  private async takeSome(): Promise<number> {
    const { store, lease, local, logger, concurrency } = this.deps;
    const candidates = shuffle(await store.sessions.listForResume());
    const live = Math.max(1, (await this.deps.liveNodes?.()) ?? 1);
    const fairShare = this.deps.liveNodes ? Math.ceil(candidates.length / live) : Number.POSITIVE_INFINITY;
    const unheld = new Map<string, number>();
    let taken = 0;
    let anyUnheld = false;
    // Every candidate is looked at (one GET each), so the round knows whether all are held.
    for (const session of candidates) {
      if (this.stopped) break;
      if (await lease.holderOf(session.id)) continue;
      anyUnheld = true;
      // Past this round's budget: not counted as a round it waited (the next round looks again).
      if (taken >= concurrency || !this.hasRoom()) continue;
      const rounds = (this.unheld.get(session.id) ?? 0) + 1;
      unheld.set(session.id, rounds);
      if (this.deps.heldCount() >= fairShare && rounds < UNHELD_ROUNDS_BEFORE_ANY) continue;
      const mine = await lease.acquire(session.id);
      if (!mine || mine.holder !== lease.nodeId) continue;
      taken++;
      logger.info({ sessionId: session.id, token: mine.token }, 'taking over a session no node holds');
      await local
        .dispatch(targetOf(session), { op: 'connect' })
        .catch((err: unknown) =>
          logger.warn({ err, sessionId: session.id }, 'reconnecting a taken-over session failed'),
        );
    }
    this.unheld = unheld;
    // Rebalance only in a settled cluster: nothing unheld (no failover or hand-over under way).
    if (taken === 0 && !anyUnheld && !this.stopped && this.deps.rebalance) await this.deps.rebalance.round(candidates);
    return taken;
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
