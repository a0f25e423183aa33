// whatsapp-web.js API `dataType`s for wagate events (API-CATALOG.md §6.10); the first one is the
// one webhooks use.
import type { EventType } from '../../../core/events/index.js';

export const WWEBJS_EVENT_NAMES: Readonly<Partial<Record<EventType, readonly string[]>>> = {
  'session.status': ['change_state', 'authenticated', 'ready', 'disconnected', 'status', 'loading_screen'],
  'session.qr': ['qr'],
  'messages.received': ['message', 'message_create'],
  'messages.sent': ['message_create'],
  'messages.status': ['message_ack'],
  'messages.deleted': ['message_revoke_everyone', 'message_revoke_me'],
  'messages.edited': ['message_edit'],
  'messages.reaction': ['message_reaction'],
  'messages.media': ['media'],
  'messages.undecryptable': ['message_ciphertext'],
  'media.uploaded': ['media_uploaded'],
  'calls.incoming': ['call'],
  'contacts.update': ['contact_changed'],
  'groups.upsert': ['group_join'],
  'groups.update': ['group_update'],
  'groups.participants': ['group_join', 'group_leave'],
  'chats.update': ['unread_count', 'chat_archived'],
  'chats.delete': ['chat_removed'],
};

/** The whatsapp-web.js `dataType` of one of our events (its first alias), or ours when it has none. */
export function wwebjsEventName(type: EventType): string {
  return WWEBJS_EVENT_NAMES[type]?.[0] ?? type;
}
