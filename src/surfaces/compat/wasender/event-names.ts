// WasenderApi's names for wagate events (Wapio shares them; API-CATALOG.md §3.8, §4.7). A name
// that is a view of ours (`messages-group.received`) is the wagate type plus a condition the surface
// applies; the first name is the one webhooks use.
import type { EventType } from '../../../core/events/index.js';

export const WASENDER_EVENT_NAMES: Readonly<Partial<Record<EventType, readonly string[]>>> = {
  'session.status': ['session.status'],
  'session.qr': ['qrcode.updated'],
  'messages.received': [
    'messages.received',
    'messages-personal.received',
    'messages-group.received',
    'messages-newsletter.received',
    'messages.upsert',
  ],
  'messages.sent': ['message.sent', 'messages.upsert'],
  'messages.failed': ['message.sent'],
  'messages.status': ['messages.update'],
  'messages.receipt': ['message-receipt.update'],
  'messages.deleted': ['messages.delete'],
  'messages.reaction': ['messages.reaction'],
  'polls.results': ['poll.results'],
  'calls.incoming': ['call'],
  'contacts.upsert': ['contacts.upsert'],
  'contacts.update': ['contacts.update'],
  'groups.upsert': ['groups.upsert'],
  'groups.update': ['groups.update'],
  'groups.participants': ['group-participants.update'],
  'chats.upsert': ['chats.upsert'],
  'chats.update': ['chats.update'],
  'chats.delete': ['chats.delete'],
};

/** The WasenderApi name of one of our events (its first alias), or ours when it has none. */
export function wasenderEventName(type: EventType): string {
  return WASENDER_EVENT_NAMES[type]?.[0] ?? type;
}
