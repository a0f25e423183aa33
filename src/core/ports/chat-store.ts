// Where chat state is kept (migration 0008), scoped by account and session like every repository.
import type { ChatId } from '../chats/chat-id.js';
import type { ChatLastMessage, ChatState, ChatStatePatch, ChatSummary } from '../chats/chat.types.js';

export interface ChatListQuery {
  limit: number;
  /** Chats whose last message is older than this one's (the cursor: last message time, then chat id). */
  before?: { lastMessageAt: string; chatId: ChatId } | undefined;
}

export interface ChatRepository {
  /** Applies `patch` to the chat's state (creating it) and returns the new state. */
  update(accountId: string, sessionId: string, chatId: ChatId, patch: ChatStatePatch, at: string): Promise<ChatState>;
  get(accountId: string, sessionId: string, chatId: ChatId): Promise<ChatSummary | null>;
  /** Chats with stored messages, the most recent first, with their state. */
  list(accountId: string, sessionId: string, query: ChatListQuery): Promise<ChatSummary[]>;
  /** The chat's last stored message that reached WhatsApp (for archive, clear, delete). */
  lastMessage(accountId: string, sessionId: string, chatId: ChatId): Promise<ChatLastMessage | null>;
  /**
   * The chat's stored message with the earliest WhatsApp time (messages fetched from the phone's
   * history are stored after newer ones): where an on-demand history request starts.
   */
  oldestMessage(accountId: string, sessionId: string, chatId: ChatId): Promise<ChatLastMessage | null>;
}
