// Messages in both directions. Outbound rows are also the durable send queue: a message answered
// 202 is a `queued` row, and the session runtime takes them oldest first.
import type { ChatId, OutgoingContent } from '../ports/engine.js';

export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
  'received',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Order of the delivery statuses: a status never moves backwards (a late "delivered" after "read"). */
const RANK: Record<MessageStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  played: 5,
  failed: 6,
  received: 0,
};

/** Whether WhatsApp's report `next` advances a message that is at `current`. */
export function advancesStatus(current: MessageStatus, next: MessageStatus): boolean {
  if (current === 'failed' || current === 'received') return false;
  if (next === 'failed') return current === 'queued' || current === 'sending' || current === 'sent';
  return RANK[next] > RANK[current];
}

/**
 * What a message's history records: its delivery statuses, plus the actions taken on it (by us
 * through the API or by the other side). Actions are not statuses: they never move `status`.
 */
export const MESSAGE_ACTION_EVENTS = [
  'edited',
  'revoked',
  'reaction',
  'starred',
  'unstarred',
  'marked_read',
  'forwarded',
] as const;
export type MessageActionEvent = (typeof MESSAGE_ACTION_EVENTS)[number];
export const MESSAGE_EVENT_TYPES = [...MESSAGE_STATUSES, ...MESSAGE_ACTION_EVENTS] as const;
export type MessageEventType = MessageStatus | MessageActionEvent;

/** One reaction on a message: the latest emoji of one reactor (a removed reaction is dropped). */
export interface MessageReaction {
  /** Who reacted: null for us (this linked account). */
  from: ChatId | null;
  fromMe: boolean;
  emoji: string;
  at: string;
}

export type MessageDirection = 'in' | 'out';

export interface MessageSender {
  jid: ChatId | null;
  lid: ChatId | null;
  name: string | null;
}

export interface Message {
  id: string;
  /** Integer alias (surfaces that show integer message ids use it). */
  seq: number;
  accountId: string;
  sessionId: string;
  direction: MessageDirection;
  chatId: ChatId;
  /** WhatsApp's id, fixed when the message is first handed to the engine. */
  waId: string | null;
  sender: MessageSender | null;
  kind: string;
  text: string | null;
  content: OutgoingContent | null;
  raw: unknown;
  status: MessageStatus;
  error: string | null;
  idempotencyKey: string | null;
  waTimestamp: string | null;
  createdAt: string;
  updatedAt: string;
  /** When the text was last edited (by us or the sender); null/absent when never. */
  editedAt?: string | null;
  /** When the message was deleted for everyone. */
  revokedAt?: string | null;
  /** When we starred it; null when not starred. */
  starredAt?: string | null;
  reactions?: MessageReaction[];
}

export interface MessageEvent {
  id: string;
  messageId: string;
  /** A delivery status, or an action taken on the message (MESSAGE_ACTION_EVENTS). */
  status: MessageEventType;
  detail: Record<string, unknown> | null;
  at: string;
}
