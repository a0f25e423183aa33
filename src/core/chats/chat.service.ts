// Chats of a linked number: the list (chats with stored messages, most recent first, with their
// state), one chat, and changes made through app state so the phone follows: archive, pin, mute,
// mark unread/read, clear, delete. A change is answered once WhatsApp took it; the state is stored
// when Baileys applies it (its chats.update, the same path a change made on the phone takes), and
// here as well, so the answer already shows it.
import { InvalidError } from '../errors.js';
import { chatIdKind, normalizeChatId, type ChatId } from './chat-id.js';
import type { ChatStatePatch, ChatSummary } from './chat.types.js';
import type { Clock } from '../ports/clock.js';
import type { ChatCommand } from '../ports/people-engine.js';
import { targetOf, type SessionRouter } from '../ports/session-router.js';
import type { Store } from '../ports/store.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Scope } from '../tokens/scope.js';
import { assertConnected } from '../messages/message.service.js';

export interface ChatServiceDeps {
  store: Pick<Store, 'chats'>;
  sessions: SessionService;
  router: SessionRouter;
  clock: Clock;
}

export type ChatChange =
  | { action: 'archive' | 'pin' | 'unread'; on: boolean }
  /** null = muted until unmuted. */
  | { action: 'mute'; until: Date | null }
  | { action: 'unmute' }
  | { action: 'clear' }
  | { action: 'delete' };

export interface ChatPage {
  data: ChatSummary[];
  nextCursor: string | null;
}

const FOREVER = '9999-12-31T23:59:59.000Z';

export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  async list(scope: Scope, sessionRef: string, limit: number, cursor?: string): Promise<ChatPage> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    const before = cursor === undefined ? undefined : decodeChatCursor(cursor);
    const data = await this.deps.store.chats.list(session.accountId, session.id, { limit: limit + 1, before });
    const page = data.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page,
      nextCursor: data.length > limit && last?.lastMessageAt ? encodeChatCursor(last.lastMessageAt, last.chatId) : null,
    };
  }

  async get(scope: Scope, sessionRef: string, chat: string): Promise<ChatSummary> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    const id = chatId(chat);
    return (
      (await this.deps.store.chats.get(session.accountId, session.id, id)) ?? {
        chatId: id,
        archivedAt: null,
        pinnedAt: null,
        mutedUntil: null,
        markedUnreadAt: null,
        updatedAt: null,
        lastMessageAt: null,
        messageCount: 0,
      }
    );
  }

  async change(scope: Scope, sessionRef: string, chat: string, change: ChatChange): Promise<ChatSummary> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    const id = chatId(chat);
    const now = this.deps.clock.now();
    if (change.action === 'mute' && change.until && change.until.getTime() <= now.getTime())
      throw new InvalidError('until: must be in the future', { field: 'until' });
    // Only archive, unread, clear and delete name the chat's last message (WhatsApp's message range).
    const needsLast = change.action !== 'pin' && change.action !== 'mute' && change.action !== 'unmute';
    const last = needsLast ? await this.deps.store.chats.lastMessage(session.accountId, session.id, id) : null;
    const command: ChatCommand =
      change.action === 'mute'
        ? { action: 'mute', chat: id, until: change.until ? change.until.getTime() : -1 }
        : change.action === 'unmute'
          ? { action: 'mute', chat: id, until: null }
          : change.action === 'pin'
            ? { action: 'pin', chat: id, on: change.on }
            : change.action === 'archive' || change.action === 'unread'
              ? { action: change.action, chat: id, on: change.on, last }
              : { action: change.action, chat: id, last };
    await this.deps.router.dispatch(targetOf(session), { op: 'chat', command });
    const patch = statePatch(change, now);
    if (patch) await this.deps.store.chats.update(session.accountId, session.id, id, patch, now.toISOString());
    return this.get(scope, session.id, id);
  }
}

function statePatch(change: ChatChange, now: Date): ChatStatePatch | null {
  const at = now.toISOString();
  switch (change.action) {
    case 'archive':
      return { archivedAt: change.on ? at : null };
    case 'pin':
      return { pinnedAt: change.on ? at : null };
    case 'unread':
      return { markedUnreadAt: change.on ? at : null };
    case 'mute':
      return { mutedUntil: change.until ? change.until.toISOString() : FOREVER };
    case 'unmute':
      return { mutedUntil: null };
    case 'delete':
      return { archivedAt: null, pinnedAt: null, mutedUntil: null, markedUnreadAt: null };
    case 'clear':
      return null;
  }
}

/** A chat named by a surface, as the chat operations accept it (no broadcast lists). */
export function chatId(input: string): ChatId {
  const id = normalizeChatId(input, 'chat');
  if (chatIdKind(id) === 'broadcast')
    throw new InvalidError('chat: a broadcast list is not a chat', { field: 'chat', code: 'INVALID_RECIPIENT' });
  return id;
}

function encodeChatCursor(lastMessageAt: string, chat: ChatId): string {
  return Buffer.from(JSON.stringify([lastMessageAt, chat]), 'utf8').toString('base64url');
}

function decodeChatCursor(cursor: string): { lastMessageAt: string; chatId: ChatId } {
  try {
    const [lastMessageAt, chat] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof lastMessageAt === 'string' && typeof chat === 'string' && chat.length < 200)
      return { lastMessageAt, chatId: chat };
  } catch {
    // falls through to the 400
  }
  throw new InvalidError('cursor: not a cursor of this list', { field: 'cursor', code: 'INVALID_CURSOR' });
}
