/**
 * The engine port: one WhatsApp connection for one session, in domain words.
 *
 * The only implementation is the Baileys adapter (src/adapters/baileys/); nothing outside it may
 * import `baileys` or see its types. A chat or person is addressed by a `ChatId`: a canonical JID
 * string (`<digits>@s.whatsapp.net`, `<id>@g.us`, `<n>@lid`, `<n>@newsletter`), the internal form
 * the seeds agree on (CANONICAL.md §1).
 */

import type { GroupCommand, GroupCommandResult } from './group-engine.js';
import type { ChannelCommand, ChannelCommandResult } from './channel-engine.js';
import type { ChatCommand, PeopleCommand, PeopleCommandResult } from './people-engine.js';
import type { ChatId } from '../chats/chat-id.js';
import type { ChatStatePatch } from '../chats/chat.types.js';
import type { DirectoryChange } from './directory-events.js';

export type { ChatId };

/** Why a connection closed, as the runtime needs to react to it. */
export type CloseReason =
  | 'logged_out' // unlinked from the phone (or credentials rejected): wipe credentials, stop
  | 'restart_required' // the server asks for an immediate reconnect (515 after pairing)
  | 'replaced' // another connection with the same credentials took over (440)
  | 'qr_timeout' // no scan before the last QR expired
  | 'connection_lost' // network trouble, keep-alive lost, timeouts
  | 'stopped' // we closed it ourselves
  | 'bad_session' // corrupt session state
  | 'forbidden' // banned / forbidden
  | 'unknown';

/** The linked account as WhatsApp knows it. */
export interface EngineIdentity {
  /** The device JID, e.g. `15551234567:3@s.whatsapp.net`. */
  deviceJid: string;
  /** The user's phone-number JID without device, e.g. `15551234567@s.whatsapp.net`. */
  jid: ChatId;
  /** The user's LID JID without device, e.g. `12345678901234@lid`, when known. */
  lid: ChatId | null;
  /** E.164 digits of the linked number. */
  phoneNumber: string;
  pushName: string | null;
}

/**
 * A WhatsApp message key in domain words: which message, in which chat, whose. `participant` is
 * the author in a group (null in 1:1 chats and for our own messages).
 */
export interface MessageRef {
  chat: ChatId;
  waId: string;
  fromMe: boolean;
  participant: ChatId | null;
}

/** Stored media a message carries (by media id), as the media service checked it at accept time. */
export interface MediaRef {
  /** `med_…` */
  id: string;
  mimetype: string;
  size: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
  fileName: string | null;
  /** Local file to read; set by the runtime host just before sending, never stored. */
  path?: string;
}

/**
 * An earlier message the engine quotes or forwards. `payload` is the engine's own raw form of an
 * inbound message (InboundMessage.raw, opaque to the core); null for messages we sent ourselves,
 * which are then described by `content`.
 */
export interface EarlierMessage {
  ref: MessageRef;
  kind: string;
  text: string | null;
  content: OutgoingBody | null;
  payload: unknown;
}

/** One contact card: the engine builds the vCard. `phone` is E.164 digits. */
export interface ContactCard {
  name: string;
  phone: string;
}

/** What a message says, one variant per kind (the request's content field, in domain words). */
export type OutgoingBody =
  | { kind: 'text'; text: string }
  | { kind: 'image'; media: MediaRef; caption?: string }
  | { kind: 'video'; media: MediaRef; caption?: string }
  | { kind: 'audio'; media: MediaRef; voice: boolean }
  | { kind: 'document'; media: MediaRef; fileName: string; mimetype: string; caption?: string }
  | { kind: 'sticker'; media: MediaRef }
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: 'contact'; contacts: ContactCard[] }
  | { kind: 'poll'; question: string; options: string[]; multiSelect: boolean }
  /** An earlier inbound message passed on as it is (WhatsApp's forward: same media, "forwarded" label). */
  | { kind: 'forward'; original: EarlierMessage };

/** Modifiers that combine with (most) kinds. */
export interface OutgoingModifiers {
  /** Image, video and audio only: the recipient can open it once. */
  viewOnce?: boolean;
  /** People mentioned (`@…` in the text renders them). */
  mentions?: ChatId[];
  /** Quote an earlier message; `quoted` is filled by the runtime host just before sending. */
  replyTo?: { messageId: string; quoted?: EarlierMessage };
  /** Show the "forwarded" label (a forward of one of our own messages re-sends its content). */
  forwarded?: boolean;
}

/** Content the engine can send: every kind, once for every surface. */
export type OutgoingContent = OutgoingBody & OutgoingModifiers;

/** An action on an earlier message, seen in what the engine received (from the contact or our phone). */
export type InboundAction =
  | { type: 'edit'; target: MessageRef; text: string | null }
  | { type: 'revoke'; target: MessageRef }
  /** `emoji` "" removes the sender's reaction. */
  | { type: 'reaction'; target: MessageRef; emoji: string };

/** A message the engine received (or sent from another device of the same account). */
export interface InboundMessage {
  /** WhatsApp's message id (the key id, e.g. `3EB0…`). */
  waId: string;
  chat: ChatId;
  /** Sender phone-number JID, when known. */
  senderJid: ChatId | null;
  /** Sender LID JID, when known. */
  senderLid: ChatId | null;
  senderName: string | null;
  fromMe: boolean;
  /** Domain kind: text, image, video, audio, document, sticker, location, contact, poll, reaction, unknown. */
  kind: string;
  text: string | null;
  timestamp: Date;
  /** The raw message payload as JSON-safe data, kept for the compatibility surfaces that expose it. */
  raw: unknown;
  /**
   * Set when the message is an edit, a revoke or a reaction: it changes an earlier message instead
   * of being a message of its own (the runtime host applies it; it is not stored as a message).
   */
  action?: InboundAction;
}

/**
 * A request for older messages of one chat from the phone (WhatsApp's on-demand history sync).
 * `oldest` is the chat's oldest message we hold, which the phone answers from; null when we hold
 * none (the phone then sends the chat's newest messages).
 */
export interface HistoryRequest {
  chat: ChatId;
  /** How many messages at most. */
  count: number;
  /** `timestampMs`: its WhatsApp time, ms since the epoch (commands stay plain JSON for the router). */
  oldest: { ref: MessageRef; timestampMs: number } | null;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

/** Global presence (available/unavailable) or a chat state shown to one chat (composing…). */
export type PresenceState = 'available' | 'unavailable' | 'composing' | 'recording' | 'paused';

/** An incoming call as WhatsApp reports it. */
export interface IncomingCall {
  callId: string;
  /** The caller (PN or LID JID as WhatsApp addressed it). */
  from: ChatId;
  /** The caller's phone-number JID, when known. */
  callerJid: ChatId | null;
  isVideo: boolean;
  isGroup: boolean;
  /** offer, ringing, timeout, reject, accept, terminate… */
  status: string;
  at: Date;
}

export type EngineEvent =
  | { type: 'connecting' }
  | { type: 'qr'; qr: string; expiresAt: Date }
  | { type: 'open'; identity: EngineIdentity }
  | {
      type: 'close';
      reason: CloseReason;
      code: number | null;
      message: string;
      /** The network error code (ENOTFOUND, ECONNREFUSED…) when the connection failed below WhatsApp's protocol. */
      networkError?: string | null;
    }
  | { type: 'message'; message: InboundMessage; live: boolean }
  | { type: 'status'; waId: string; chat: ChatId; status: DeliveryStatus; at: Date; error?: string }
  /**
   * WhatsApp's server took our message with this id (`error` set when it refused it; the refusal
   * also arrives as a `failed` status). Only then is a message `sent`: a write to the socket is not.
   */
  | { type: 'server_ack'; waId: string; chat: ChatId; error: string | null }
  | { type: 'call'; call: IncomingCall }
  /** A chat's state changed (from the phone or another linked device, or our own change echoed). */
  | { type: 'chat'; chat: ChatId; change: ChatStatePatch }
  /** Groups and contacts changed on WhatsApp (announced as events, not stored). */
  | { type: 'directory'; change: DirectoryChange }
  /**
   * One batch of older messages the phone sent for an on-demand history request (`requestId`, as
   * fetchHistory answered it; null when the phone did not say which).
   */
  | { type: 'history'; requestId: string | null; messages: InboundMessage[] };

export interface SendResult {
  waId: string;
  timestamp: Date;
}

/**
 * H6 (media): the decrypted file of an inbound media message. The stream is checked as it is read
 * (WhatsApp's media MAC, fileEncSha256, fileSha256) and fails at its end when a check fails, so a
 * consumer keeps the bytes only when the iteration completes.
 */
export interface InboundMediaDownload {
  stream: AsyncIterable<Uint8Array>;
  /** The type the sender declared (the media service checks the bytes). */
  mimetype: string | null;
  fileName: string | null;
}

/** One WhatsApp connection. Created by an {@link EngineFactory}; used by one session runtime. */
export interface Engine {
  /** Opens the connection (linking if there are no credentials). Resolves once the socket is created. */
  start(): Promise<void>;
  /** Closes the connection and keeps the credentials. */
  stop(): Promise<void>;
  /** Unlinks this device from the phone (best effort) and wipes the credentials. */
  logout(): Promise<void>;
  /** Asks for a pairing code for `phoneNumber` (E.164 digits) on a connection that is waiting to link. */
  requestPairingCode(phoneNumber: string): Promise<string>;
  /**
   * Sends `content` to `to` with the WhatsApp id `waId` (chosen by the caller, so a resend after a
   * crash reuses it and receivers see one message). Resolves once the message is written; the
   * server's acceptance comes later as a `server_ack` event. Every operation on the connection
   * rejects with ConnectionLostError (core/errors.ts) when the connection is gone or broke.
   */
  send(to: ChatId, content: OutgoingContent, waId: string): Promise<SendResult>;
  /** Shows a presence: global when `to` is absent, a chat state (typing, recording) in `to` otherwise. */
  sendPresence(state: PresenceState, to?: ChatId): Promise<void>;
  /** Replaces the text of one of our sent text messages (WhatsApp allows it for about 15 minutes). */
  edit(target: MessageRef, text: string): Promise<void>;
  /** Deletes a message for everyone (ours; in groups also others' when we are admin). */
  revoke(target: MessageRef): Promise<void>;
  /** Reacts to a message; `emoji` "" removes our reaction. */
  react(target: MessageRef, emoji: string): Promise<void>;
  /**
   * Stars or unstars a message (an app-state change). Throws ConflictError APP_STATE_NOT_SYNCED
   * when the phone has not shared its app-state keys with this device.
   */
  star(target: MessageRef, starred: boolean): Promise<void>;
  /** Sends read receipts for received messages. */
  markRead(targets: MessageRef[]): Promise<void>;
  /** Rejects an incoming call (auto_reject_calls). */
  rejectCall(callId: string, from: ChatId): Promise<void>;
  /** A round trip to the server; rejects when it does not answer within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  /** A group operation (core/ports/group-engine.ts); WhatsApp's refusals come back as AppErrors. */
  group<C extends GroupCommand>(command: C): Promise<GroupCommandResult<C>>;
  /** People and our own profile (core/ports/people-engine.ts). */
  people<C extends PeopleCommand>(command: C): Promise<PeopleCommandResult<C>>;
  /** A chat change through app state (archive, pin, mute, unread, clear, delete). */
  chat(command: ChatCommand): Promise<void>;
  /** A channel (newsletter) operation (core/ports/channel-engine.ts). */
  channel<C extends ChannelCommand>(command: C): Promise<ChannelCommandResult<C>>;
  /**
   * Asks the phone for older messages of a chat; resolves with the request's id once it is sent.
   * The messages come later, as `history` events naming that id.
   */
  fetchHistory(request: HistoryRequest): Promise<string>;
  /** Whether credentials exist (a linked device). */
  hasCredentials(): Promise<boolean>;
  /** A fresh WhatsApp message id. */
  newMessageId(): string;
  /**
   * H6: downloads and decrypts the media of an inbound message (null when it carries none); asks
   * the sender's phone to re-upload media the CDN no longer has.
   */
  downloadMedia(message: InboundMessage): Promise<InboundMediaDownload | null>;
}

export interface EngineOptions {
  sessionId: string;
  /** Receives every engine event, in order. Must not throw. */
  onEvent: (event: EngineEvent) => void;
  /** The proxy for the next connection (asked at every connect); null or absent = direct. */
  proxy?: () => Promise<EngineProxy | null>;
}

/** A proxy a session's WhatsApp connection and media go through (http, https or socks5 URL). */
export interface EngineProxy {
  url: string;
  /**
   * Check the proxy's address against the private-address guard at connect time: true for a
   * session's own proxy_url (a tenant's choice), false for the operator's WAGATE_PROXY_URL.
   */
  checkAddress: boolean;
}

export interface EngineFactory {
  create(options: EngineOptions): Engine;
}

/**
 * Where an engine keeps its credentials and Signal keys: opaque strings per (session, type, id),
 * written transactionally. Implemented by the store adapters; sealing at rest is done above it.
 */
export interface EngineAuthStore {
  /** Values for the given ids of one type; missing ids are absent from the result. */
  get(sessionId: string, type: string, ids: string[]): Promise<Map<string, string>>;
  /** Writes (value) and deletes (null) in one transaction. */
  set(sessionId: string, changes: Array<{ type: string; id: string; value: string | null }>): Promise<void>;
  /** Removes every value of the session (logout, deletion). */
  clear(sessionId: string): Promise<void>;
}
