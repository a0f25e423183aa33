// What a surface asks of the messaging core, in domain words. Each surface parses its own wire
// format into these (the /v1 one in src/surfaces/http/v1/); recipients arrive already parsed into
// ChatIds (src/core/chats/chat-id.ts). Errors about a command name its fields as written here
// (`replyTo`, `content.media.url`), and each surface renames them to its own.
import type { ChatId } from '../chats/chat-id.js';
import type { MediaSource } from '../media/media.types.js';
import type { MessageRef, PresenceState } from '../ports/engine.js';
import type { MessageDirection } from './message.types.js';

/** One content of a new message; `media` is a URL to fetch now or an uploaded file. */
export type SendContent =
  | { kind: 'text'; text: string }
  | { kind: 'image' | 'video'; media: MediaSource; caption?: string }
  | { kind: 'audio'; media: MediaSource; voice?: boolean }
  | { kind: 'document'; media: MediaSource; fileName?: string; mimeType?: string; caption?: string }
  | { kind: 'sticker'; media: MediaSource }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  /** Contact cards; `phone` is E.164 digits. */
  | { kind: 'contact'; contacts: Array<{ name: string; phone: string }> }
  | { kind: 'poll'; question: string; options: string[]; multiSelect?: boolean };

export interface SendMessage {
  to: ChatId;
  content: SendContent;
  /** Image, video or audio the recipient can open once. */
  viewOnce?: boolean;
  mentions?: ChatId[];
  /** Our id (`msg_…`) of a message of the same session to quote. */
  replyTo?: string;
  /** The same key on the same session returns the same message instead of a new one. */
  idempotencyKey?: string;
}

export interface MessageListQuery {
  direction?: MessageDirection;
  chat?: ChatId;
  /** Only messages whose text contains this (case-insensitive on ASCII letters). */
  search?: string;
  limit?: number;
  cursor?: string;
}

/** Read receipts: received messages by our ids and/or by WhatsApp keys. */
export interface MarkRead {
  messageIds?: string[];
  keys?: MessageRef[];
}

export const PRESENCES = [
  'composing',
  'recording',
  'paused',
  'available',
  'unavailable',
] as const satisfies readonly PresenceState[];
export type Presence = PresenceState;

/** composing/recording/paused show in the chat `to`; available/unavailable is our online status. */
export interface SetPresence {
  presence: Presence;
  to: ChatId | null;
}
