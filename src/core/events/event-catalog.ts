// The event catalog: one entry per wagate event and what it means (CANONICAL.md §2.8). The names
// the compatibility surfaces use for an event live with each surface (src/surfaces/compat/<name>/).
import type { EventType } from './event.types.js';

export interface CatalogEntry {
  type: EventType;
  description: string;
}

export const EVENT_CATALOG: readonly CatalogEntry[] = [
  {
    type: 'session.status',
    description: 'The session changed state (connecting, need_scan, connected, disconnected, logged_out, …).',
  },
  { type: 'session.qr', description: 'A new QR code to link the session.' },
  {
    type: 'session.health',
    description: 'wagate: the session runtime detected a problem or recovered (reconnect loop, send stalls, ban risk).',
  },
  {
    type: 'messages.received',
    description: 'An inbound message; `message.chat_type` says personal, group, newsletter or broadcast.',
  },
  {
    type: 'messages.sent',
    description: 'A message we sent was accepted by WhatsApp (also messages sent from the phone).',
  },
  { type: 'messages.failed', description: 'wagate: a queued message could not be sent; carries the error code.' },
  {
    type: 'messages.status',
    description: 'Delivery status of one of our messages changed (sent, delivered, read, played, failed).',
  },
  { type: 'messages.receipt', description: 'A group member received or read one of our messages.' },
  { type: 'messages.deleted', description: 'A message was revoked for everyone or deleted for me.' },
  { type: 'messages.edited', description: 'A message was edited.' },
  { type: 'messages.reaction', description: 'Someone reacted to a message (empty emoji = reaction removed).' },
  { type: 'messages.media', description: 'Media of an inbound message is available.' },
  {
    type: 'messages.starred',
    description: 'A message was starred or unstarred on WhatsApp (the phone or another linked device).',
  },
  {
    type: 'messages.undecryptable',
    description: 'A message arrived that could not be decrypted (WhatsApp will retry).',
  },
  {
    type: 'messages.history',
    description:
      'Older messages of a chat arrived from the phone for a history request (POST …/chats/{chat}/history), once per batch.',
  },
  { type: 'media.uploaded', description: 'Media of one of our messages finished uploading.' },
  { type: 'polls.results', description: 'A vote changed the results of a poll we sent.' },
  { type: 'calls.incoming', description: 'An incoming call (rejected automatically when auto_reject_calls is on).' },
  { type: 'contacts.upsert', description: 'Contacts were added or updated.' },
  { type: 'contacts.update', description: 'A contact changed (picture, status, number, push name).' },
  { type: 'groups.upsert', description: 'We joined a group, or its metadata arrived.' },
  { type: 'groups.update', description: 'Group settings changed (subject, description, announce, restrict).' },
  { type: 'groups.participants', description: 'Participants were added, removed, promoted or demoted.' },
  {
    type: 'groups.join_requests',
    description: 'Join requests of a group we administer: requested, cancelled, approved or rejected.',
  },
  { type: 'chats.upsert', description: 'Chats were created.' },
  { type: 'chats.update', description: 'Chat properties changed (unread count, archive, pin, mute).' },
  { type: 'chats.delete', description: 'Chats were deleted.' },
  { type: 'webhook.test', description: 'wagate: a test event sent on request to one subscription.' },
];
