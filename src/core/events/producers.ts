// Builders of the events producers append, so every producer writes the same payload shape:
//   await outbox.append(tx, sessionStatusEvent(session, previousStatus, reason));
// Persons carry both phone number and LID when known (personFrom).
import type { ChatType, EventMessage, NewEvent, Person } from './event.types.js';
import { chatTypeOf } from './event-filter.js';
import { isLid, phoneOf } from '../chats/chat-id.js';

/** The slice of a session that events need. */
export interface EventSessionRef {
  id: string;
  accountId: string;
}

export function sessionStatusEvent(
  session: EventSessionRef & { status: string },
  previous: string | null,
  reason?: string | null,
): NewEvent<'session.status'> {
  return {
    type: 'session.status',
    account_id: session.accountId,
    session_id: session.id,
    payload: { status: session.status, previous_status: previous, reason: reason ?? null },
  };
}

export function sessionQrEvent(session: EventSessionRef, qr: string, expiresAt: Date | null): NewEvent<'session.qr'> {
  return {
    type: 'session.qr',
    account_id: session.accountId,
    session_id: session.id,
    payload: { qr, expires_at: expiresAt ? expiresAt.toISOString() : null },
  };
}

export function sessionHealthEvent(
  session: EventSessionRef,
  healthy: boolean,
  reason: string,
  details?: Record<string, unknown>,
): NewEvent<'session.health'> {
  return {
    type: 'session.health',
    account_id: session.accountId,
    session_id: session.id,
    payload: { healthy, reason, ...(details ? { details } : {}) },
  };
}

/** A person from whatever JIDs are known: a PN JID (`…@s.whatsapp.net`) and/or a LID (`…@lid`). */
export function personFrom(jid: string | null, lid: string | null, name?: string | null): Person | null {
  const pn = jid && !isLid(jid) ? jid : null;
  const l = lid ?? (jid && isLid(jid) ? jid : null);
  const main = pn ?? l;
  if (!main) return null;
  return { jid: main, phone: phoneOf(pn), lid: l, ...(name !== undefined ? { name } : {}) };
}

export interface MessageEventInput {
  messageId: string | null;
  waId: string;
  chat: string;
  fromMe: boolean;
  sender: Person | null;
  kind: string;
  text: string | null;
  timestamp: Date;
  raw?: unknown;
}

export function eventMessage(m: MessageEventInput): EventMessage {
  const chatType: ChatType = chatTypeOf(m.chat);
  return {
    id: m.messageId,
    wa_id: m.waId,
    chat: m.chat,
    chat_type: chatType,
    from_me: m.fromMe,
    sender: m.sender,
    kind: m.kind,
    text: m.text,
    timestamp: m.timestamp.toISOString(),
    ...(m.raw !== undefined ? { raw: m.raw } : {}),
  };
}

export function messageReceivedEvent(session: EventSessionRef, m: MessageEventInput): NewEvent<'messages.received'> {
  return {
    type: 'messages.received',
    account_id: session.accountId,
    session_id: session.id,
    payload: { message: eventMessage(m) },
  };
}

export function messageSentEvent(session: EventSessionRef, m: MessageEventInput): NewEvent<'messages.sent'> {
  return {
    type: 'messages.sent',
    account_id: session.accountId,
    session_id: session.id,
    payload: { message: eventMessage(m) },
  };
}

export function messagesHistoryEvent(
  session: EventSessionRef,
  batch: { requestId: string | null; chat: string | null; messages: MessageEventInput[]; alreadyStored: number },
): NewEvent<'messages.history'> {
  return {
    type: 'messages.history',
    account_id: session.accountId,
    session_id: session.id,
    payload: {
      request_id: batch.requestId,
      chat: batch.chat,
      messages: batch.messages.map(eventMessage),
      already_stored: batch.alreadyStored,
    },
  };
}

export function messageFailedEvent(
  session: EventSessionRef,
  messageId: string | null,
  chat: string,
  code: string,
  message: string,
): NewEvent<'messages.failed'> {
  return {
    type: 'messages.failed',
    account_id: session.accountId,
    session_id: session.id,
    payload: { message_id: messageId, chat, error: { code, message } },
  };
}

export function messageStatusEvent(
  session: EventSessionRef,
  input: {
    messageId: string | null;
    waId: string;
    chat: string;
    status: 'sent' | 'delivered' | 'read' | 'played' | 'failed';
    at: Date;
  },
): NewEvent<'messages.status'> {
  return {
    type: 'messages.status',
    account_id: session.accountId,
    session_id: session.id,
    payload: {
      message_id: input.messageId,
      wa_id: input.waId,
      chat: input.chat,
      status: input.status,
      at: input.at.toISOString(),
    },
  };
}

/** The message an action (edit, revoke, reaction) changed, and who did it (null = us). */
export interface MessageActionInput {
  messageId: string | null;
  waId: string;
  chat: string;
  by: Person | null;
}

export function messageEditedEvent(
  session: EventSessionRef,
  m: MessageActionInput,
  text: string | null,
  previousText: string | null,
): NewEvent<'messages.edited'> {
  return {
    type: 'messages.edited',
    account_id: session.accountId,
    session_id: session.id,
    payload: { message_id: m.messageId, wa_id: m.waId, chat: m.chat, text, previous_text: previousText, by: m.by },
  };
}

export function messageDeletedEvent(
  session: EventSessionRef,
  m: MessageActionInput,
  forEveryone: boolean,
): NewEvent<'messages.deleted'> {
  return {
    type: 'messages.deleted',
    account_id: session.accountId,
    session_id: session.id,
    payload: { message_id: m.messageId, wa_id: m.waId, chat: m.chat, for_everyone: forEveryone, by: m.by },
  };
}

export function messageReactionEvent(
  session: EventSessionRef,
  m: MessageActionInput,
  emoji: string,
): NewEvent<'messages.reaction'> {
  return {
    type: 'messages.reaction',
    account_id: session.accountId,
    session_id: session.id,
    payload: { message_id: m.messageId, wa_id: m.waId, chat: m.chat, emoji, by: m.by },
  };
}

export function callIncomingEvent(
  session: EventSessionRef,
  call: { callId: string; from: Person; isVideo: boolean; isGroup: boolean; status: string; rejected: boolean },
): NewEvent<'calls.incoming'> {
  return {
    type: 'calls.incoming',
    account_id: session.accountId,
    session_id: session.id,
    payload: {
      call_id: call.callId,
      from: call.from,
      is_video: call.isVideo,
      is_group: call.isGroup,
      status: call.status,
      rejected: call.rejected,
    },
  };
}
