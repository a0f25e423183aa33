// The event catalog: one entry per wagate event, with the names the seed systems use for it
// (CANONICAL.md §2.8, API-CATALOG.md §3.8, §4.7, §6.10). Compatibility formatters and the docs read
// this table; a seed event that is a view of ours (e.g. WasenderApi's `messages-group.received`)
// names the wagate type plus the condition the surface applies.
import type { EventType } from './event.types.js';

export interface CatalogEntry {
  type: EventType;
  description: string;
  /** WasenderApi / Wapio event names (the two share names). */
  wasender: readonly string[];
  /** whatsapp-web.js API `dataType`s. */
  wwebjs: readonly string[];
}

export const EVENT_CATALOG: readonly CatalogEntry[] = [
  { type: 'session.status', description: 'The session changed state (connecting, need_scan, connected, disconnected, logged_out, …).', wasender: ['session.status'], wwebjs: ['change_state', 'authenticated', 'ready', 'disconnected', 'status', 'loading_screen'] },
  { type: 'session.qr', description: 'A new QR code to link the session.', wasender: ['qrcode.updated'], wwebjs: ['qr'] },
  { type: 'session.health', description: 'wagate: the session runtime detected a problem or recovered (reconnect loop, send stalls, ban risk).', wasender: [], wwebjs: [] },
  { type: 'messages.received', description: 'An inbound message; `message.chat_type` says personal, group, newsletter or broadcast.', wasender: ['messages.received', 'messages-personal.received', 'messages-group.received', 'messages-newsletter.received', 'messages.upsert'], wwebjs: ['message', 'message_create'] },
  { type: 'messages.sent', description: 'A message we sent was accepted by WhatsApp (also messages sent from the phone).', wasender: ['message.sent', 'messages.upsert'], wwebjs: ['message_create'] },
  { type: 'messages.failed', description: 'wagate: a queued message could not be sent; carries the error code.', wasender: ['message.sent'], wwebjs: [] },
  { type: 'messages.status', description: 'Delivery status of one of our messages changed (sent, delivered, read, played, failed).', wasender: ['messages.update'], wwebjs: ['message_ack'] },
  { type: 'messages.receipt', description: 'A group member received or read one of our messages.', wasender: ['message-receipt.update'], wwebjs: [] },
  { type: 'messages.deleted', description: 'A message was revoked for everyone or deleted for me.', wasender: ['messages.delete'], wwebjs: ['message_revoke_everyone', 'message_revoke_me'] },
  { type: 'messages.edited', description: 'A message was edited.', wasender: [], wwebjs: ['message_edit'] },
  { type: 'messages.reaction', description: 'Someone reacted to a message (empty emoji = reaction removed).', wasender: ['messages.reaction'], wwebjs: ['message_reaction'] },
  { type: 'messages.media', description: 'Media of an inbound message is available.', wasender: [], wwebjs: ['media'] },
  { type: 'messages.undecryptable', description: 'A message arrived that could not be decrypted (WhatsApp will retry).', wasender: [], wwebjs: ['message_ciphertext'] },
  { type: 'media.uploaded', description: 'Media of one of our messages finished uploading.', wasender: [], wwebjs: ['media_uploaded'] },
  { type: 'polls.results', description: 'A vote changed the results of a poll we sent.', wasender: ['poll.results'], wwebjs: [] },
  { type: 'calls.incoming', description: 'An incoming call (rejected automatically when auto_reject_calls is on).', wasender: ['call'], wwebjs: ['call'] },
  { type: 'contacts.upsert', description: 'Contacts were added or updated.', wasender: ['contacts.upsert'], wwebjs: [] },
  { type: 'contacts.update', description: 'A contact changed (picture, status, number).', wasender: ['contacts.update'], wwebjs: ['contact_changed'] },
  { type: 'groups.upsert', description: 'We joined a group, or its metadata arrived.', wasender: ['groups.upsert'], wwebjs: ['group_join'] },
  { type: 'groups.update', description: 'Group settings changed (subject, description, announce, restrict).', wasender: ['groups.update'], wwebjs: ['group_update'] },
  { type: 'groups.participants', description: 'Participants were added, removed, promoted or demoted.', wasender: ['group-participants.update'], wwebjs: ['group_join', 'group_leave'] },
  { type: 'chats.upsert', description: 'Chats were created.', wasender: ['chats.upsert'], wwebjs: [] },
  { type: 'chats.update', description: 'Chat properties changed (unread count, archive, pin, mute).', wasender: ['chats.update'], wwebjs: ['unread_count', 'chat_archived'] },
  { type: 'chats.delete', description: 'Chats were deleted.', wasender: ['chats.delete'], wwebjs: ['chat_removed'] },
  { type: 'webhook.test', description: 'wagate: a test event sent on request to one subscription.', wasender: [], wwebjs: [] },
];
