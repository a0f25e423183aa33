/**
 * The engine port: one WhatsApp connection for one session, in domain words.
 *
 * The only implementation is the Baileys adapter (src/adapters/baileys/); nothing outside it may
 * import `baileys` or see its types. A chat or person is addressed by a `ChatId`: a canonical JID
 * string (`<digits>@s.whatsapp.net`, `<id>@g.us`, `<n>@lid`, `<n>@newsletter`), the internal form
 * the seeds agree on (CANONICAL.md §1).
 */

/** A canonical JID string, e.g. `15551234567@s.whatsapp.net` or `123-456@g.us`. */
export type ChatId = string;

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

/** Content the engine can send. Later issues add kinds here, once for every surface. */
export type OutgoingContent = { kind: 'text'; text: string };

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
  /** The raw message payload as JSON-safe data, kept for surfaces that expose it (WasenderApi, Wapio). */
  raw: unknown;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed';

export type EngineEvent =
  | { type: 'connecting' }
  | { type: 'qr'; qr: string; expiresAt: Date }
  | { type: 'open'; identity: EngineIdentity }
  | { type: 'close'; reason: CloseReason; code: number | null; message: string }
  | { type: 'message'; message: InboundMessage; live: boolean }
  | { type: 'status'; waId: string; chat: ChatId; status: DeliveryStatus; at: Date; error?: string };

export interface SendResult {
  waId: string;
  timestamp: Date;
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
   * crash reuses it and receivers see one message).
   */
  send(to: ChatId, content: OutgoingContent, waId: string): Promise<SendResult>;
  /** A round trip to the server; rejects when it does not answer within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  /** Whether credentials exist (a linked device). */
  hasCredentials(): Promise<boolean>;
  /** A fresh WhatsApp message id. */
  newMessageId(): string;
}

export interface EngineOptions {
  sessionId: string;
  /** Receives every engine event, in order. Must not throw. */
  onEvent: (event: EngineEvent) => void;
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
