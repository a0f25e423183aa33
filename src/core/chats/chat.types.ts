// A chat's state as the linked number's phone and its linked devices share it through app state
// (archived, pinned, muted, marked unread), plus what our message store knows of it.
import type { ChatId } from './chat-id.js';

export interface ChatState {
  chatId: ChatId;
  /** ISO times; null = not archived / not pinned / not marked unread. */
  archivedAt: string | null;
  pinnedAt: string | null;
  /** Muted until then (ISO); a far-future date for "always"; null = not muted. */
  mutedUntil: string | null;
  markedUnreadAt: string | null;
  updatedAt: string | null;
}

export interface ChatSummary extends ChatState {
  /** When the last stored message of the chat was created; null when none is stored. */
  lastMessageAt: string | null;
  /** Messages stored for the chat. */
  messageCount: number;
}

/** A change to a chat's state; absent fields stay as they are. */
export type ChatStatePatch = Partial<Pick<ChatState, 'archivedAt' | 'pinnedAt' | 'mutedUntil' | 'markedUnreadAt'>>;

/** A stored message a chat change refers to (WhatsApp wants the chat's last message for some). */
export interface ChatLastMessage {
  waId: string;
  fromMe: boolean;
  participant: ChatId | null;
  /** Seconds since the epoch. */
  timestamp: number;
}
