// Chat state from WhatsApp (app state): stored with its `chats.update` event in one transaction.
import type { ChatId } from '../../chats/chat-id.js';
import type { ChatState, ChatStatePatch } from '../../chats/chat.types.js';
import type { NewEvent } from '../../events/event.types.js';
import type { EventSessionRef } from '../../events/producers.js';
import type { ChatHost, RuntimeSessionRef } from '../runtime.types.js';
import { eventSession, type RecorderContext } from './recorder-context.js';

export class ChatRecorder implements ChatHost {
  constructor(private readonly ctx: RecorderContext) {}

  async recordChatChange(ref: RuntimeSessionRef, chat: ChatId, change: ChatStatePatch): Promise<void> {
    await this.ctx.tx(async (tx) => {
      const state = await tx.chats.update(ref.accountId, ref.sessionId, chat, change, this.ctx.now());
      await this.ctx.appendFiltered(tx, chatsUpdateEvent(eventSession(ref), state), await this.ctx.settingsOf(tx, ref));
    });
  }
}

/** The `chats.update` event of one chat's new state (also produced by the chat service). */
export function chatsUpdateEvent(session: EventSessionRef, state: ChatState): NewEvent<'chats.update'> {
  return {
    type: 'chats.update',
    account_id: session.accountId,
    session_id: session.id,
    payload: { chats: [chatStateJson(state)] },
  };
}

/** A chat's state as events and /v1 show it. */
export function chatStateJson(state: ChatState): Record<string, unknown> & { id: string } {
  return {
    id: state.chatId,
    archived: state.archivedAt !== null,
    pinned: state.pinnedAt !== null,
    muted_until: state.mutedUntil,
    marked_unread: state.markedUnreadAt !== null,
  };
}
