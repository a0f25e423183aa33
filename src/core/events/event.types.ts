// Domain events: what happened, to whom, in which session. Every event a customer may subscribe to
// is written to the outbox in the same transaction as the state change that caused it, then fanned
// out to webhooks and the live stream. The event id is the delivery identity: it stays the same
// across retries and replays (Standard Webhooks `webhook-id`).

/** Every event type wagate emits. The catalog (event-catalog.ts) documents each and maps the seeds' names. */
export const EVENT_TYPES = [
  'session.status',
  'session.qr',
  'session.health',
  'messages.received',
  'messages.sent',
  'messages.failed',
  'messages.status',
  'messages.receipt',
  'messages.deleted',
  'messages.edited',
  'messages.reaction',
  'messages.media',
  'messages.starred',
  'messages.undecryptable',
  'messages.history',
  'media.uploaded',
  'polls.results',
  'calls.incoming',
  'contacts.upsert',
  'contacts.update',
  'groups.upsert',
  'groups.update',
  'groups.participants',
  'groups.join_requests',
  'chats.upsert',
  'chats.update',
  'chats.delete',
  'webhook.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A person named in a payload. WhatsApp addresses people by phone number (PN) or by LID
 * depending on the chat's addressing mode; we carry both whenever the engine knows them so
 * receivers never have to resolve one into the other.
 */
export interface Person {
  /** The JID the event was addressed with, e.g. `15551234567@s.whatsapp.net` or `1234@lid`. */
  jid: string;
  /** E.164 digits, when known. */
  phone: string | null;
  /** LID JID (`…@lid`), when known. */
  lid: string | null;
  name?: string | null;
}

export type ChatType = 'personal' | 'group' | 'newsletter' | 'broadcast';

/** A message as events describe it (the engine fills it; surfaces project it). */
export interface EventMessage {
  /** Our message id (`msg_…`), when the message is stored. */
  id: string | null;
  /** WhatsApp's key id (`3EB0…`). */
  wa_id: string;
  chat: string;
  chat_type: ChatType;
  from_me: boolean;
  sender: Person | null;
  kind: string;
  text: string | null;
  timestamp: string;
  /** The raw protocol message as JSON-safe data, for surfaces that expose it. */
  raw?: unknown;
}

/** Payload per event type. Types the engine does not produce yet stay open records. */
export interface EventPayloads {
  'session.status': { status: string; previous_status: string | null; reason?: string | null };
  'session.qr': { qr: string; expires_at: string | null };
  'session.health': { healthy: boolean; reason: string; details?: Record<string, unknown> };
  'messages.received': { message: EventMessage };
  'messages.sent': { message: EventMessage };
  'messages.failed': { message_id: string | null; chat: string; error: { code: string; message: string } };
  'messages.status': {
    message_id: string | null;
    wa_id: string;
    chat: string;
    status: 'sent' | 'delivered' | 'read' | 'played' | 'failed';
    at: string;
  };
  'messages.receipt': {
    message_id: string | null;
    wa_id: string;
    chat: string;
    participant: Person;
    type: 'delivered' | 'read' | 'played';
    at: string;
  };
  // message_id: our id of the message acted on (null when we do not have it); by: null = us.
  'messages.deleted': {
    message_id: string | null;
    wa_id: string;
    chat: string;
    for_everyone: boolean;
    by: Person | null;
  };
  'messages.edited': {
    message_id: string | null;
    wa_id: string;
    chat: string;
    text: string | null;
    previous_text: string | null;
    by: Person | null;
  };
  'messages.starred': { message_id: string; wa_id: string; chat: string; starred: boolean };
  'messages.reaction': { message_id: string | null; wa_id: string; chat: string; emoji: string; by: Person | null };
  // H6 (media): message_id/media_id/sha256/file_name added so receivers can fetch and check the file.
  'messages.media': {
    wa_id: string;
    chat: string;
    mimetype: string;
    size: number;
    url: string | null;
    message_id?: string | null;
    media_id?: string;
    sha256?: string;
    file_name?: string | null;
  };
  'messages.undecryptable': { wa_id: string; chat: string; sender: Person | null };
  // One batch of older messages the phone sent for an on-demand history request (request_id: the
  // id POST …/chats/{chat}/history answered; null when the phone did not name it). `messages` are
  // the newly stored ones, oldest first; already_stored counts those wagate held before.
  'messages.history': {
    request_id: string | null;
    chat: string | null;
    messages: EventMessage[];
    already_stored: number;
  };
  'media.uploaded': { message_id: string | null; mimetype: string; size: number };
  'polls.results': { wa_id: string; chat: string; options: { name: string; voters: Person[] }[] };
  'calls.incoming': {
    call_id: string;
    from: Person;
    is_video: boolean;
    is_group: boolean;
    status: string;
    rejected: boolean;
  };
  'contacts.upsert': { contacts: Record<string, unknown>[] };
  'contacts.update': { contacts: Record<string, unknown>[] };
  'groups.upsert': { groups: Record<string, unknown>[] };
  'groups.update': { groups: Record<string, unknown>[] };
  'groups.participants': {
    group: string;
    action: 'add' | 'remove' | 'promote' | 'demote';
    participants: Person[];
    by: Person | null;
  };
  // by: the admin who answered (null: WhatsApp did not say); method: how a request was made (invite_link, …).
  'groups.join_requests': {
    group: string;
    action: 'requested' | 'cancelled' | 'approved' | 'rejected';
    participants: Person[];
    by: Person | null;
    method: string | null;
  };
  'chats.upsert': { chats: Record<string, unknown>[] };
  'chats.update': { chats: Record<string, unknown>[] };
  'chats.delete': { chats: string[] };
  'webhook.test': { message: string; subscription_id: string };
}

/** What a producer hands to the outbox. The outbox assigns the id and the time. */
export interface NewEvent<T extends EventType = EventType> {
  type: T;
  account_id: string;
  /** The session the event belongs to, or null for account-level events. */
  session_id: string | null;
  payload: EventPayloads[T];
}

/** An event as stored and delivered. */
export interface DomainEvent<T extends EventType = EventType> extends NewEvent<T> {
  /**
   * `evt_<uuidv7 hex>`: identifies the event (stable across retries and replays) and, being
   * time-ordered, also orders the outbox: streams resume with `id > Last-Event-ID`.
   */
  id: string;
  created_at: string;
}
