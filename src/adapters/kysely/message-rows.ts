// Row ↔ domain translation for the engine tables.
import type { Selectable } from 'kysely';
import {
  MESSAGE_EVENT_TYPES,
  MESSAGE_STATUSES,
  type Message,
  type MessageEvent,
  type MessageEventType,
  type MessageReaction,
  type MessageStatus,
} from '../../core/messages/message.types.js';
import type { OutgoingContent } from '../../core/ports/engine.js';
import type { MessageEventsTable, MessagesTable } from './engine-schema.js';

function status(value: string): MessageStatus {
  if (!(MESSAGE_STATUSES as readonly string[]).includes(value))
    throw new Error(`messages.status has an unknown value: ${value}`);
  return value as MessageStatus;
}

function eventType(value: string): MessageEventType {
  if (!(MESSAGE_EVENT_TYPES as readonly string[]).includes(value))
    throw new Error(`message_events.status has an unknown value: ${value}`);
  return value as MessageEventType;
}

export function toMessage(row: Selectable<MessagesTable>): Message {
  const hasSender = row.sender_jid !== null || row.sender_lid !== null || row.sender_name !== null;
  return {
    id: row.id,
    seq: Number(row.seq),
    accountId: row.account_id,
    sessionId: row.session_id,
    direction: row.direction === 'in' ? 'in' : 'out',
    chatId: row.chat_id,
    waId: row.wa_id,
    sender: hasSender ? { jid: row.sender_jid, lid: row.sender_lid, name: row.sender_name } : null,
    kind: row.kind,
    text: row.text,
    content: row.content ? (JSON.parse(row.content) as OutgoingContent) : null,
    raw: row.raw ? (JSON.parse(row.raw) as unknown) : null,
    status: status(row.status),
    error: row.error,
    idempotencyKey: row.idempotency_key,
    waTimestamp: row.wa_timestamp,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    editedAt: row.edited_at,
    revokedAt: row.revoked_at,
    starredAt: row.starred_at,
    reactions: row.reactions ? (JSON.parse(row.reactions) as MessageReaction[]) : [],
  };
}

export function fromMessage(m: Message): MessagesTable {
  return {
    id: m.id,
    seq: m.seq,
    account_id: m.accountId,
    session_id: m.sessionId,
    direction: m.direction,
    chat_id: m.chatId,
    wa_id: m.waId,
    sender_jid: m.sender?.jid ?? null,
    sender_lid: m.sender?.lid ?? null,
    sender_name: m.sender?.name ?? null,
    kind: m.kind,
    text: m.text,
    content: m.content ? JSON.stringify(m.content) : null,
    raw: m.raw === null || m.raw === undefined ? null : JSON.stringify(m.raw),
    status: m.status,
    error: m.error,
    idempotency_key: m.idempotencyKey,
    wa_timestamp: m.waTimestamp,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    edited_at: m.editedAt ?? null,
    revoked_at: m.revokedAt ?? null,
    starred_at: m.starredAt ?? null,
    reactions: m.reactions?.length ? JSON.stringify(m.reactions) : null,
  };
}

export function toMessageEvent(row: Selectable<MessageEventsTable>): MessageEvent {
  return {
    id: row.id,
    messageId: row.message_id,
    status: eventType(row.status),
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
    at: row.at,
  };
}
