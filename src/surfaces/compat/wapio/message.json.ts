// wagate's Message → Wapio's send answer and MessageInfo (API-CATALOG §3.3, §3.1 MessageInfo).
import type { Message, MessageEvent, MessageStatus } from '../../../core/messages/message.types.js';
import { toWapioMessageId, toWapioSessionId } from './ids.js';

const STATUS: Record<MessageStatus, string> = {
  queued: 'queued',
  sending: 'in_progress',
  sent: 'accepted',
  delivered: 'delivered',
  read: 'read',
  played: 'read',
  failed: 'failed',
  received: 'delivered',
};

export function wapioMessageStatus(s: MessageStatus): string {
  return STATUS[s];
}

export function toWapioSendResult(m: Message) {
  return { msgId: toWapioMessageId(m.id), jid: m.chatId, status: STATUS[m.status] };
}

function firstAt(events: MessageEvent[], ...statuses: string[]): string | null {
  return events.find((e) => statuses.includes(e.status))?.at ?? null;
}

export function toWapioMessageInfo(m: Message & { events: MessageEvent[] }) {
  const events = m.events;
  return {
    message_id: toWapioMessageId(m.id),
    session_id: toWapioSessionId(m.sessionId),
    provider_msg_id: m.waId,
    to: m.chatId,
    kind: m.kind,
    status: STATUS[m.status],
    accepted_at: firstAt(events, 'sent'),
    delivered_at: firstAt(events, 'delivered'),
    read_at: firstAt(events, 'read', 'played'),
    deleted_at: m.revokedAt ?? null,
    failed_at: firstAt(events, 'failed'),
    failure_reason: m.error,
    updated_at: m.updatedAt,
    // Each status change or action is one attempt event; the integer id is its order.
    events: events.map((e, i) => ({
      event_id: i + 1,
      event_type: e.status,
      update_kind: STATUS[e.status as MessageStatus] ?? null,
      emitted_at: e.at,
    })),
  };
}
