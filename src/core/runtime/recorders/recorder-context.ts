// What every recorder of the runtime host shares: the store, the clock, the outbox, and the small
// writes that go with a change (a message event, a session log entry, an event filtered by the
// session's ignore_* settings). Each change runs in one transaction with its log entry and event.
import { GroupCommitter } from '../../../lib/group-commit.js';
import { newId } from '../../../lib/ids.js';
import { passesSessionSettings } from '../../events/event-filter.js';
import type { NewEvent } from '../../events/event.types.js';
import type { Outbox } from '../../events/outbox.js';
import { personFrom } from '../../events/producers.js';
import type { Message, MessageStatus } from '../../messages/message.types.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { LeaseTokens } from '../../ports/session-lease.js';
import type { Store, StoreRepositories } from '../../ports/store.js';
import type { SessionLogEvent, SessionSettings } from '../../sessions/session.types.js';
import type { RuntimeSessionRef } from '../runtime.types.js';

export interface RecorderDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Events are appended in the same transaction as the change that caused them. */
  outbox: Pick<Outbox, 'append'>;
  /** WAGATE_PROXY_URL: the proxy of every session without a proxy_url of its own. */
  defaultProxyUrl?: string | null | undefined;
  /**
   * Cluster mode: this node's lease tokens. The writes that matter (a claim to send, a requeue, a
   * status change) then advance the session's fence in their transaction and are skipped when a
   * newer holder wrote. Absent on one node: nothing to fence against.
   */
  leaseTokens?: LeaseTokens | undefined;
}

type TxWork = (tx: StoreRepositories) => Promise<unknown>;

/** Most changes the engine reports at once (acks, receipts, inbound) that share one commit. */
const MAX_CHANGES_PER_COMMIT = 128;

export class RecorderContext {
  /**
   * Status changes of our messages (server acks, delivery and read receipts) are committed in
   * batches: every one reported in the same event-loop turn runs in one transaction, one after the
   * other, and each caller is answered once that transaction is durable. One fsync then serves a
   * burst of acks and receipts instead of one each: with synchronous=FULL each commit blocks the
   * event loop, and a sending session's status writes starved the API's accepts (issue 19). If a
   * batch fails, each change is retried alone, so one bad change cannot fail the others.
   * Inbound messages keep their own transaction (`tx`): they arrive one at a time, and waiting for a
   * batch lengthened the window in which Baileys has receipted a message that is not stored yet
   * (measured by test/e2e/inbound-kill9.test.ts).
   */
  private readonly commits: GroupCommitter<TxWork, unknown>;

  constructor(readonly deps: RecorderDeps) {
    this.commits = new GroupCommitter(
      (works) =>
        deps.store.transaction(async (tx) => {
          const results: unknown[] = [];
          for (const work of works) results.push(await work(tx));
          return results;
        }),
      { maxBatch: MAX_CHANGES_PER_COMMIT },
    );
  }

  get store(): Store {
    return this.deps.store;
  }

  get logger(): Logger {
    return this.deps.logger;
  }

  /** Now, as stored (ISO 8601), from the Clock port. */
  now(): string {
    return this.deps.clock.now().toISOString();
  }

  nowDate(): Date {
    return this.deps.clock.now();
  }

  tx<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T> {
    return this.deps.store.transaction(fn);
  }

  /**
   * Runs `fn` in a transaction shared with the other status changes of this event-loop turn (see
   * `commits`); `fn` must not start another transaction.
   */
  batchedTx<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T> {
    return this.commits.submit(fn) as Promise<T>;
  }

  /**
   * Whether this node may still write for the session (cluster fencing, in `tx`): always on one
   * node; in cluster mode only with a valid lease whose token is not older than the fence.
   */
  async holds(tx: StoreRepositories, sessionId: string): Promise<boolean> {
    const tokens = this.deps.leaseTokens;
    if (!tokens) return true;
    const token = tokens.tokenOf(sessionId);
    if (token !== null && (await tx.fences.advance(sessionId, token))) return true;
    this.deps.logger.warn({ sessionId, token }, 'write refused: this node no longer holds the session (fenced)');
    return false;
  }

  /** `holds` for the session of a stored message (false when the message is gone). */
  async holdsMessage(tx: StoreRepositories, messageId: string): Promise<boolean> {
    if (!this.deps.leaseTokens) return true;
    const m = await tx.messages.findByIdInternal(messageId);
    return m !== null && (await this.holds(tx, m.sessionId));
  }

  /** The session's settings (null when the session is gone). */
  async settingsOf(tx: StoreRepositories, ref: RuntimeSessionRef): Promise<SessionSettings | null> {
    return (await tx.sessions.findByRef(ref.accountId, ref.sessionId))?.settings ?? null;
  }

  /** Appends an event whatever the session's settings (status and lifecycle events). */
  async append(tx: StoreRepositories, event: NewEvent): Promise<void> {
    await this.deps.outbox.append(tx, event);
  }

  /** Appends an event unless the session's ignore_groups / ignore_broadcasts / ignore_channels filter it out. */
  async appendFiltered(tx: StoreRepositories, event: NewEvent, settings: SessionSettings | null): Promise<void> {
    if (!passesSessionSettings(event, settings)) return;
    await this.deps.outbox.append(tx, event);
  }

  /** A step in a message's history (`GET /v1/messages/{id}` events). */
  async messageEvent(
    tx: StoreRepositories,
    messageId: string,
    status: MessageStatus,
    detail: Record<string, unknown> | null,
  ): Promise<void> {
    await tx.messageEvents.insert({ id: newId('mev'), messageId, status, detail, at: this.now() });
  }

  /** A lifecycle entry in the session log (`GET /v1/sessions/{id}/logs`). */
  async sessionLog(
    tx: StoreRepositories,
    ref: RuntimeSessionRef,
    event: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await tx.sessionLogs.insert({
      id: newId('slog'),
      accountId: ref.accountId,
      sessionId: ref.sessionId,
      event: event as SessionLogEvent,
      detail,
      createdAt: this.now(),
    });
  }
}

/** The session as event producers name it. */
export function eventSession(ref: RuntimeSessionRef): { id: string; accountId: string } {
  return { id: ref.sessionId, accountId: ref.accountId };
}

/** A stored message as the message events carry it. */
export function messageEventInput(m: Message) {
  return {
    messageId: m.id,
    waId: m.waId ?? '',
    chat: m.chatId,
    fromMe: m.direction === 'out',
    sender: m.sender ? personFrom(m.sender.jid, m.sender.lid, m.sender.name) : null,
    kind: m.kind,
    text: m.text,
    timestamp: m.waTimestamp ? new Date(m.waTimestamp) : new Date(m.createdAt),
    ...(m.raw !== null && m.raw !== undefined ? { raw: m.raw } : {}),
  };
}
