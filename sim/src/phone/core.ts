/**
 * The state a phone's message handling works on, shared by outgoing.ts and incoming.ts so the
 * SimPhone class stays a thin public face.
 */
import type { PhoneNetwork } from './network.js';
import type { PhoneSessions, EncType } from './sessions.js';
import type { MediaInfo } from './messages.js';
import type { BinaryNode } from '../binary/types.js';

export interface InboxEntry {
  id: string;
  /** The sender's phone number (digits). */
  from: string;
  from_lid: string;
  from_device: number;
  /** The stanza's `from`, exactly as delivered (used to address receipts). */
  from_jid: string;
  push_name?: string;
  /** text, image, video, audio, ptt, document, sticker, location, contact, reaction, poll, unknown */
  type: string;
  text?: string;
  media?: MediaInfo;
  /** How it arrived: `pkmsg` for the first message of a session, then `msg`. */
  enc: EncType;
  /** Sender's timestamp, seconds. */
  timestamp: number;
  received_at: string;
  /** Receipts this phone sent for it. */
  receipts: string[];
}

export type SentStatus = 'pending' | 'server_ack' | 'delivered' | 'read' | 'played' | 'error';

export interface SentMessage {
  id: string;
  to: string;
  to_lid: string;
  /** 0 when the phone sent it; a companion's device id for a copy seen through deviceSentMessage. */
  from_device: number;
  type: string;
  text?: string;
  status: SentStatus;
  /** Device jids that sent a delivery (or stronger) receipt. */
  delivered_to: string[];
  read_by: string[];
  error?: string;
  sent_at: string;
  /** Encoded Message (base64), kept for retry receipts. Phone-sent only. */
  message?: string;
}

export interface UnhandledStanza {
  reason: string;
  node: BinaryNode;
  at: string;
}

export interface PhoneCore {
  readonly pn: string;
  readonly lid: string;
  readonly pushName: string;
  readonly network: PhoneNetwork;
  readonly sessions: PhoneSessions;
  readonly received: InboxEntry[];
  readonly outbox: Map<string, SentMessage>;
  readonly problems: UnhandledStanza[];
  /** Our identity, signed prekey and one fresh one-time prekey, for a retry receipt's `<keys>`. */
  retryKeys(): { identity: Uint8Array; preKey: { keyId: number; publicKey: Uint8Array }; signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array } };
}

/** Oldest entries are dropped past these, so a long benchmark does not grow a phone without bound. */
export const INBOX_LIMIT = 10_000;
export const SENT_LIMIT = 10_000;

export function remember(core: PhoneCore, message: SentMessage): void {
  core.outbox.set(message.id, message);
  if (core.outbox.size > SENT_LIMIT) {
    const oldest = core.outbox.keys().next().value;
    if (oldest !== undefined) core.outbox.delete(oldest);
  }
}

export function unhandled(core: PhoneCore, node: BinaryNode, reason: string, now: number): void {
  core.problems.push({ reason, node, at: new Date(now).toISOString() });
  if (core.problems.length > 1000) core.problems.shift();
}
