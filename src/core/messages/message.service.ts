// Sending and reading messages. A send is validated, persisted as `queued` (with its first status
// event) in one transaction, and only then acknowledged; the session runtime takes it from there.
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { GroupCommitter } from '../../lib/group-commit.js';
import { isId, newId } from '../../lib/ids.js';
import { InvalidError, NotConnectedError, NotFoundError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SendQuota } from '../limits/send-limits.js';
import type { QuotaResult } from '../ports/rate-limiter.js';
import type { Store } from '../ports/store.js';
import { targetOf, type SessionRouter } from '../ports/session-router.js';
import type { SessionService } from '../sessions/session.service.js';
import { isVisibleTo, type Scope } from '../tokens/scope.js';
import type { MediaResolver } from '../media/media.types.js';
import type { ChatId } from '../chats/chat-id.js';
import type { OutgoingContent } from '../ports/engine.js';
import type { Session } from '../sessions/session.types.js';
import { buildContent } from './content-builder.js';
import type { MessageListQuery, SendMessage } from './message.commands.js';
import type { Message, MessageEvent, MessageEventType } from './message.types.js';

export const MESSAGE_SEQ_COUNTER = 'message_seq';

/** An idempotency key: 1 to 255 printable ASCII characters, no spaces. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Tells the session's holder that new outbound work is queued (a `kick` through the SessionRouter).
 * The rows are already committed: a lost kick only delays the send until the runtime's next look.
 */
export function kickQueue(router: SessionRouter, session: Session, logger: Logger): void {
  router
    .dispatch(targetOf(session), { op: 'kick' })
    .catch((err: unknown) => logger.warn({ err, sessionId: session.id }, 'send queue kick failed'));
}

export interface MessageServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'transaction' | 'messages' | 'messageEvents'>;
  sessions: SessionService;
  /** Reaches the session's runtime (a kick after new work is queued). */
  router: SessionRouter;
  clock: Clock;
  logger: Logger;
  /** Per-session accept quotas (minute by plan, daily cap); none = unlimited. */
  quota?: SendQuota;
  /** Checks and stores media at accept time (H6's media service); without it media sends answer 503. */
  media?: Pick<MediaResolver, 'prepareForSend'>;
}

/** 409 SESSION_NOT_CONNECTED unless the session is connected: it accepts nothing new otherwise. */
export function assertConnected(session: Session): void {
  if (session.status !== 'connected') {
    throw new NotConnectedError(`Session ${session.name ?? session.id} is ${session.status}; connect it first`, {
      context: { status: session.status },
    });
  }
}

export interface SendOutcome {
  message: Message;
  /** True when an earlier send with the same Idempotency-Key is returned instead of a new one. */
  replayed: boolean;
  /** The session's minute quota after this send (for X-RateLimit-* headers); null when unlimited or replayed. */
  quota: QuotaResult | null;
}

export interface MessageWithEvents extends Message {
  events: MessageEvent[];
}

/** History entries on other messages, written in the same transaction as the accepted one. */
export interface RelatedEvent {
  messageId: string;
  status: MessageEventType;
  detail: Record<string, unknown> | null;
}

/** An outbound message to put on the queue (see MessageService.accept). */
export interface EnqueueInput {
  chatId: ChatId;
  content: OutgoingContent;
  kind: string;
  text: string | null;
  idempotencyKey: string | null;
  detail?: Record<string, unknown>;
  /** Our id for the new message, when the caller needs it beforehand (e.g. for `related`). */
  id?: string;
  related?: RelatedEvent[];
}

/** One accepted message waiting for its batch's commit. */
interface PendingAccept {
  row: Message;
  detail: Record<string, unknown> | null;
  related: RelatedEvent[];
}

export class MessageService {
  /**
   * Accepted sends are written by group commit: concurrent requests share one transaction, and each
   * is answered after that commit (PERFORMANCE.md: one transaction per request wastes most of what
   * the machine can do durably).
   */
  private readonly accepts: GroupCommitter<PendingAccept, Message | null>;

  constructor(private readonly deps: MessageServiceDeps) {
    this.accepts = new GroupCommitter((batch) => this.commitAccepts(batch), { maxBatch: 256 });
  }

  /** Writes a batch of queued messages and their first history entries in one transaction. */
  private commitAccepts(batch: PendingAccept[]): Promise<Array<Message | null>> {
    return this.deps.store.transaction(async (tx) => {
      const out: Array<Message | null> = [];
      for (const { row, detail, related } of batch) {
        const numbered = { ...row, seq: await tx.counters.next(MESSAGE_SEQ_COUNTER) };
        if (!(await tx.messages.insert(numbered))) {
          out.push(null); // same idempotency key raced in: the caller returns the winner
          continue;
        }
        await tx.messageEvents.insert({
          id: newId('mev'),
          messageId: numbered.id,
          status: 'queued',
          detail,
          at: numbered.createdAt,
        });
        for (const r of related) await tx.messageEvents.insert({ id: newId('mev'), ...r, at: numbered.createdAt });
        out.push(numbered);
      }
      return out;
    });
  }

  async send(scope: Scope, sessionRef: string, cmd: SendMessage): Promise<SendOutcome> {
    const key = cmd.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new InvalidError('idempotencyKey: must be 1 to 255 printable ASCII characters without spaces', {
        field: 'idempotencyKey',
      });
    }
    const session = await this.deps.sessions.get(scope, sessionRef);
    if (key) {
      const earlier = await this.deps.store.messages.findByIdempotencyKey(session.id, key);
      if (earlier) return { message: earlier, replayed: true, quota: null };
    }
    assertConnected(session);
    return this.accept(session, async () => {
      // Media is fetched or checked here, before the 202: an accepted message can always be sent.
      const built = await buildContent(cmd, {
        scope,
        accountId: session.accountId,
        sessionId: session.id,
        media: this.deps.media,
        findMessage: (id) =>
          isId('msg', id) ? this.deps.store.messages.findById(session.accountId, id) : Promise.resolve(null),
      });
      return { chatId: cmd.to, ...built, idempotencyKey: key ?? null };
    });
  }

  /**
   * Every new outbound message comes through here (send and forward), so none skips the session's
   * send quota. The quota is taken before `build` runs (a client over its limit triggers no media
   * downloads) and given back when the message is not accepted after all (an error, or a replay).
   */
  async accept(session: Session, build: () => Promise<EnqueueInput>): Promise<SendOutcome> {
    const quota = this.deps.quota ? await this.deps.quota.take(session.id) : null;
    let outcome: SendOutcome;
    try {
      outcome = await this.enqueue(session, await build());
    } catch (err) {
      await this.deps.quota?.refund(session.id);
      throw err;
    }
    if (outcome.replayed) {
      await this.deps.quota?.refund(session.id);
      return outcome;
    }
    return { ...outcome, quota };
  }

  /**
   * Persists an outbound message as `queued` (with its first history entry and any related entries)
   * and wakes the session's queue. With an idempotency key that raced in, returns the winner.
   */
  private async enqueue(session: Session, m: EnqueueInput): Promise<SendOutcome> {
    const now = this.deps.clock.now().toISOString();
    const key = m.idempotencyKey;
    const message = await this.accepts.submit({
      detail: m.detail ?? null,
      related: m.related ?? [],
      row: {
        id: m.id ?? newId('msg'),
        seq: 0, // numbered inside the batch transaction
        accountId: session.accountId,
        sessionId: session.id,
        direction: 'out',
        chatId: m.chatId,
        waId: null,
        sender: null,
        kind: m.kind,
        text: m.text,
        content: m.content,
        raw: null,
        status: 'queued',
        error: null,
        idempotencyKey: key,
        waTimestamp: null,
        createdAt: now,
        updatedAt: now,
      },
    });
    if (!message && key) {
      const winner = await this.deps.store.messages.findByIdempotencyKey(session.id, key);
      if (winner) return { message: winner, replayed: true, quota: null };
    }
    if (!message) throw new Error('message insert conflicted without an idempotency key');
    kickQueue(this.deps.router, session, this.deps.logger);
    return { message, replayed: false, quota: null };
  }

  /** One message with its status history; 404 when not visible to the scope. */
  async get(scope: Scope, id: string): Promise<MessageWithEvents> {
    const message = isId('msg', id) ? await this.deps.store.messages.findById(scope.accountId, id) : null;
    if (!message || !isVisibleTo(scope, message)) {
      throw new NotFoundError('MESSAGE_NOT_FOUND', `Message ${id} not found`);
    }
    return { ...message, events: await this.deps.store.messageEvents.listForMessage(message.id) };
  }

  /**
   * A message of a session by WhatsApp's key id (`3EB0…`) in one chat, however old (surfaces that
   * address messages as `{chat, key id}`); 404 when the session has no such message in that chat.
   */
  async findByWaId(scope: Scope, sessionRef: string, chat: ChatId, waId: string): Promise<Message> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    const message = waId ? await this.deps.store.messages.findByWaId(session.id, waId) : null;
    if (!message || message.chatId !== chat || !isVisibleTo(scope, message))
      throw new NotFoundError('MESSAGE_NOT_FOUND', `No message ${waId.slice(0, 100)} in chat ${chat}`);
    return message;
  }

  /** A session's messages, newest first, with cursor pagination. */
  async list(
    scope: Scope,
    sessionRef: string,
    q: MessageListQuery,
  ): Promise<{ data: Message[]; nextCursor: string | null }> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    let beforeId: string | undefined;
    if (q.cursor) {
      const decoded = decodeCursor(q.cursor);
      if (!decoded)
        throw new InvalidError('cursor: not a cursor returned by this API', {
          field: 'cursor',
          code: 'INVALID_CURSOR',
        });
      beforeId = decoded;
    }
    const rows = await this.deps.store.messages.list(scope.accountId, session.id, {
      limit: limit + 1,
      ...(q.direction ? { direction: q.direction } : {}),
      ...(q.chat ? { chatId: q.chat } : {}),
      ...(q.search ? { textContains: q.search } : {}),
      ...(beforeId ? { beforeId } : {}),
    });
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
  }
}
