// Acting on messages: edit, revoke, resend, react, forward, star, mark read, and the session's
// presence. Each checks the caller's scope (a message of another account, or of another session for
// a session key, is a 404), needs a connected session (409 SESSION_NOT_CONNECTED), acts through the
// session's engine, then records what it did (message row + history entry + outbox event, in one
// transaction). Resend and forward put a message on the send queue instead.
import { isId, newId } from '../../lib/ids.js';
import { ConflictError, InvalidError, NotFoundError } from '../errors.js';
import type { Outbox } from '../events/outbox.js';
import type { Clock } from '../ports/clock.js';
import type { MessageRef, OutgoingContent } from '../ports/engine.js';
import { targetOf, type SessionCommand, type SessionRouter } from '../ports/session-router.js';
import type { Logger } from '../ports/logger.js';
import type { Store, StoreRepositories } from '../ports/store.js';
import { earlierMessage } from '../runtime/outgoing-resolver.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Session } from '../sessions/session.types.js';
import { isVisibleTo, type Scope } from '../tokens/scope.js';
import { isGroupChat, type ChatId } from '../chats/chat-id.js';
import type { MarkRead, SetPresence } from './message.commands.js';
import { recordEdit, recordReaction, recordRevoke, type ChangeContext } from './message-changes.js';
import { assertConnected, kickQueue, type MessageService, type SendOutcome } from './message.service.js';
import type { Message, MessageEventType } from './message.types.js';

/** WhatsApp lets a sender edit a message for 15 minutes. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** …and delete it for everyone for about 2 days and 12 hours. */
export const REVOKE_WINDOW_MS = 60 * 3_600_000;

export interface MessageActionsServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'transaction' | 'messages'>;
  sessions: SessionService;
  messages: MessageService;
  /** Reaches the session's runtime: engine actions and queue kicks are commands to its holder. */
  router: SessionRouter;
  clock: Clock;
  logger: Logger;
  outbox: Pick<Outbox, 'append'>;
}

interface Target {
  message: Message;
  session: Session;
}

export class MessageActionsService {
  constructor(private readonly deps: MessageActionsServiceDeps) {}

  /** The message if the scope may see it, and its session, which must be connected. */
  private async target(scope: Scope, id: string): Promise<Target> {
    const message = isId('msg', id) ? await this.deps.store.messages.findById(scope.accountId, id) : null;
    if (!message || !isVisibleTo(scope, message)) {
      throw new NotFoundError('MESSAGE_NOT_FOUND', `Message ${id} not found`);
    }
    const session = await this.deps.sessions.get(scope, message.sessionId);
    assertConnected(session);
    return { message, session };
  }

  /** Its WhatsApp key; 409 MESSAGE_NOT_SENT while it has not left yet (or never did). */
  private ref(m: Message): MessageRef {
    const earlier = m.status === 'queued' || m.status === 'sending' || m.status === 'failed' ? null : earlierMessage(m);
    if (!earlier)
      throw new ConflictError('MESSAGE_NOT_SENT', `Message ${m.id} is ${m.status}: it has not reached WhatsApp`, {
        context: { status: m.status },
      });
    return earlier.ref;
  }

  private async command(session: Session, command: SessionCommand): Promise<void> {
    await this.deps.router.dispatch(targetOf(session), command);
  }

  private async record(session: Session, fn: (ctx: ChangeContext) => Promise<unknown>): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction((tx) =>
      fn({ tx, session: { id: session.id, accountId: session.accountId }, now, outbox: this.deps.outbox }),
    );
  }

  private async reload(m: Message): Promise<Message> {
    return (await this.deps.store.messages.findById(m.accountId, m.id)) ?? m;
  }

  private age(m: Message): number {
    return this.deps.clock.now().getTime() - new Date(m.waTimestamp ?? m.createdAt).getTime();
  }

  /** New text for one of our sent text messages (within WhatsApp's 15 minutes). */
  async edit(scope: Scope, id: string, text: string): Promise<Message> {
    const { message: m, session } = await this.target(scope, id);
    const why =
      m.direction !== 'out'
        ? 'only messages we sent can be edited'
        : m.kind !== 'text'
          ? `only text messages can be edited (this one is ${m.kind})`
          : m.revokedAt
            ? 'it was deleted for everyone'
            : null;
    if (why) throw new ConflictError('MESSAGE_NOT_EDITABLE', `Message ${m.id} cannot be edited: ${why}`);
    const ref = this.ref(m);
    if (this.age(m) > EDIT_WINDOW_MS)
      throw new ConflictError(
        'MESSAGE_NOT_EDITABLE',
        `Message ${m.id} cannot be edited: WhatsApp allows edits for 15 minutes after sending`,
      );
    await this.command(session, { op: 'edit', ref, text });
    await this.record(session, (ctx) => recordEdit(ctx, { message: m, waId: ref.waId, chat: ref.chat }, text, null));
    return this.reload(m);
  }

  /** Deletes a message for everyone: ours, or (as a group admin) someone's in a group. */
  async revoke(scope: Scope, id: string): Promise<Message> {
    const { message: m, session } = await this.target(scope, id);
    if (m.revokedAt) return m;
    if (m.direction === 'in' && !isGroupChat(m.chatId)) {
      throw new ConflictError(
        'MESSAGE_NOT_REVOCABLE',
        `Message ${m.id} cannot be deleted for everyone: it was sent by the other person`,
      );
    }
    const ref = this.ref(m);
    if (this.age(m) > REVOKE_WINDOW_MS) {
      throw new ConflictError(
        'MESSAGE_NOT_REVOCABLE',
        `Message ${m.id} cannot be deleted for everyone: WhatsApp allows it for about 60 hours after sending`,
      );
    }
    await this.command(session, { op: 'revoke', ref });
    await this.record(session, (ctx) => recordRevoke(ctx, { message: m, waId: ref.waId, chat: ref.chat }, null));
    return this.reload(m);
  }

  /** A failed message goes back to the queue, keeping its WhatsApp id (receivers see it once). */
  async resend(scope: Scope, id: string): Promise<Message> {
    const { message: m, session } = await this.target(scope, id);
    if (m.direction !== 'out' || m.status !== 'failed' || !m.content) {
      throw new ConflictError(
        'MESSAGE_NOT_FAILED',
        `Only failed messages can be resent; message ${m.id} is ${m.status}`,
        { context: { status: m.status } },
      );
    }
    const now = this.deps.clock.now().toISOString();
    const requeued = await this.deps.store.transaction(async (tx) => {
      if (!(await tx.messages.updateIf(m.id, 'failed', { status: 'queued', error: null, updatedAt: now })))
        return false;
      await tx.messageEvents.insert({
        id: newId('mev'),
        messageId: m.id,
        status: 'queued',
        detail: { reason: 'resend requested', previous_error: m.error },
        at: now,
      });
      return true;
    });
    if (!requeued) throw new ConflictError('MESSAGE_NOT_FAILED', `Message ${m.id} is no longer failed`);
    kickQueue(this.deps.router, session, this.deps.logger);
    return this.reload(m);
  }

  /** Our reaction on a message; "" removes it. */
  async react(scope: Scope, id: string, emoji: string): Promise<Message> {
    const { message: m, session } = await this.target(scope, id);
    if (m.revokedAt) throw new ConflictError('MESSAGE_REVOKED', `Message ${m.id} was deleted for everyone`);
    const ref = this.ref(m);
    await this.command(session, { op: 'react', ref, emoji });
    await this.record(session, (ctx) =>
      recordReaction(ctx, { message: m, waId: ref.waId, chat: ref.chat }, emoji, null, null),
    );
    return this.reload(m);
  }

  /** Sends a message on to `to` (same session), with WhatsApp's "forwarded" label. */
  async forward(scope: Scope, id: string, to: ChatId): Promise<SendOutcome> {
    const { message: m, session } = await this.target(scope, id);
    const content = this.forwardContent(m);
    const copyId = newId('msg');
    // Through the send quota like any send; the original's `forwarded` entry commits with the copy.
    return this.deps.messages.accept(session, async () => ({
      id: copyId,
      chatId: to,
      content,
      kind: m.kind,
      text: m.text,
      idempotencyKey: null,
      detail: { forwarded_from: m.id },
      related: [{ messageId: m.id, status: 'forwarded', detail: { to, message_id: copyId } }],
    }));
  }

  private forwardContent(m: Message): OutgoingContent {
    const why = m.revokedAt
      ? 'it was deleted for everyone'
      : m.status === 'failed'
        ? 'it was never sent'
        : m.content?.viewOnce || /"viewOnceMessage/.test(JSON.stringify(m.raw ?? ''))
          ? 'view-once messages cannot be forwarded'
          : null;
    if (why) throw new ConflictError('MESSAGE_NOT_FORWARDABLE', `Message ${m.id} cannot be forwarded: ${why}`);
    // Ours: send the same content again, labelled forwarded. Theirs: WhatsApp's forward of the original.
    if (m.direction === 'out' && m.content) {
      if (m.content.kind === 'forward') return { kind: 'forward', original: m.content.original };
      const { replyTo: _r, mentions: _m, viewOnce: _v, ...body } = m.content;
      return { ...body, forwarded: true };
    }
    const earlier = earlierMessage(m);
    if (!earlier?.payload || ['unknown', 'protocol', 'reaction'].includes(m.kind)) {
      throw new ConflictError(
        'MESSAGE_NOT_FORWARDABLE',
        `Message ${m.id} cannot be forwarded: its content was not kept`,
      );
    }
    return { kind: 'forward', original: earlier };
  }

  /** Stars or unstars a message (needs the phone's app-state keys: 409 APP_STATE_NOT_SYNCED otherwise). */
  async star(scope: Scope, id: string, starred: boolean): Promise<Message> {
    const { message: m, session } = await this.target(scope, id);
    const ref = this.ref(m);
    await this.command(session, { op: 'star', ref, starred });
    const now = this.deps.clock.now().toISOString();
    await this.record(session, async ({ tx }) => {
      // Baileys echoes our own patch as a star from WhatsApp, which the chat recorder may have stored already.
      const current = await tx.messages.findByIdInternal(m.id);
      if (current && (current.starredAt != null) === starred) return;
      await tx.messages.update(m.id, { starredAt: starred ? now : null, updatedAt: now });
      await this.historyIn(tx, m.id, starred ? 'starred' : 'unstarred', null, now);
    });
    return this.reload(m);
  }

  /** Read receipts for received messages, given by our ids or by WhatsApp keys. */
  async markRead(scope: Scope, sessionRef: string, data: MarkRead): Promise<{ read: number }> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    const stored: Message[] = [];
    const refs: MessageRef[] = [];
    for (const [i, id] of (data.messageIds ?? []).entries()) {
      const m = isId('msg', id) ? await this.deps.store.messages.findById(session.accountId, id) : null;
      if (!m || m.sessionId !== session.id)
        throw new NotFoundError('MESSAGE_NOT_FOUND', `Message ${id} not found in this session`, {
          field: `messageIds.${i}`,
        });
      if (m.direction !== 'in' || !m.waId)
        throw new InvalidError(`messageIds.${i}: ${id} is not a received message`, { field: `messageIds.${i}` });
      stored.push(m);
      refs.push(this.ref(m));
    }
    for (const k of data.keys ?? []) {
      refs.push(k);
      const m = await this.deps.store.messages.findByWaId(session.id, k.waId);
      if (m) stored.push(m);
    }
    await this.command(session, { op: 'markRead', refs });
    const now = this.deps.clock.now().toISOString();
    await this.record(session, async ({ tx }) => {
      for (const m of stored) await this.historyIn(tx, m.id, 'marked_read', null, now);
    });
    return { read: refs.length };
  }

  /** Typing/recording/paused in a chat, or available/unavailable. */
  async presence(scope: Scope, sessionRef: string, data: SetPresence): Promise<SetPresence> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    if (data.to === null && data.presence !== 'available' && data.presence !== 'unavailable') {
      throw new InvalidError(`to: is required for ${data.presence}`, { field: 'to' });
    }
    await this.command(session, { op: 'presence', presence: data.presence, to: data.to });
    return { presence: data.presence, to: data.to };
  }

  private async historyIn(
    tx: StoreRepositories,
    messageId: string,
    type: MessageEventType,
    detail: Record<string, unknown> | null,
    at: string,
  ): Promise<void> {
    await tx.messageEvents.insert({ id: newId('mev'), messageId, status: type, detail, at });
  }
}
