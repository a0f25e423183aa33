// Store repositories of the engine issue: messages (the durable send queue too), their status
// history, and the engine's auth state. Part of StoreRepositories, so a message's state change and
// its outbox event commit in one transaction.
import type {
  Message,
  MessageDirection,
  MessageEvent,
  MessageReaction,
  MessageStatus,
} from '../messages/message.types.js';
import type { EngineAuthStore } from './engine.js';

export interface MessageListQuery {
  direction?: MessageDirection;
  chatId?: string;
  /** Text contains this (case-insensitive on ASCII letters; `%` and `_` match themselves). */
  textContains?: string;
  beforeId?: string;
  limit: number;
}

export interface MessagePatch {
  status?: MessageStatus;
  waId?: string;
  error?: string | null;
  waTimestamp?: string;
  /** Message actions (edit, revoke, star, reactions). */
  text?: string | null;
  editedAt?: string | null;
  revokedAt?: string | null;
  starredAt?: string | null;
  reactions?: MessageReaction[];
  updatedAt: string;
}

export interface MessageRepository {
  /** Insert; returns false (and writes nothing) when a row with the same WhatsApp id or idempotency key exists. */
  insert(message: Message): Promise<boolean>;
  findById(accountId: string, id: string): Promise<Message | null>;
  /** By id without an account filter: only for the runtime, which got the id from its own queue. */
  findByIdInternal(id: string): Promise<Message | null>;
  /** Our message with this integer alias. */
  findBySeq(accountId: string, seq: number): Promise<Message | null>;
  findByIdempotencyKey(sessionId: string, key: string): Promise<Message | null>;
  findByWaId(sessionId: string, waId: string): Promise<Message | null>;
  /** Newest first. */
  list(accountId: string, sessionId: string, query: MessageListQuery): Promise<Message[]>;
  /** The oldest message of the session in `status` (the head of the send queue for `queued`). */
  oldestWithStatus(sessionId: string, status: MessageStatus): Promise<Message | null>;
  /** Applies the patch when the row is still in `expected` status; returns whether it did. */
  updateIf(id: string, expected: MessageStatus, patch: MessagePatch): Promise<boolean>;
  update(id: string, patch: MessagePatch): Promise<void>;
  /** Moves every message of the session from one status to another; returns how many moved. */
  moveStatus(sessionId: string, from: MessageStatus, to: MessageStatus, at: string): Promise<number>;
  /** How many messages of the session are in `status`. */
  countWithStatus(sessionId: string, status: MessageStatus): Promise<number>;
}

export interface MessageEventRepository {
  insert(event: MessageEvent): Promise<void>;
  /** Oldest first. */
  listForMessage(messageId: string): Promise<MessageEvent[]>;
}

export interface EngineRepositories {
  messages: MessageRepository;
  messageEvents: MessageEventRepository;
  engineAuth: EngineAuthStore;
}
