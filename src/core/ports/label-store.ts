// Where labels and their chats are kept (migration 0010), scoped by account and session.
import type { ChatId } from '../chats/chat-id.js';

export interface Label {
  id: string;
  name: string;
  /** WhatsApp's colour index (0–19). */
  color: number;
  deleted: boolean;
}

export interface LabelRepository {
  upsert(accountId: string, sessionId: string, label: Label, at: string): Promise<void>;
  list(accountId: string, sessionId: string): Promise<Label[]>;
  get(accountId: string, sessionId: string, labelId: string): Promise<Label | null>;
  setChat(accountId: string, sessionId: string, labelId: string, chat: ChatId, on: boolean): Promise<void>;
  chatsOf(accountId: string, sessionId: string, labelId: string): Promise<ChatId[]>;
  labelsOf(accountId: string, sessionId: string, chat: ChatId): Promise<Label[]>;
}
