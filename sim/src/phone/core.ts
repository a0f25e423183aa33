/**
 * The state a phone's message handling works on, shared by outgoing.ts and incoming.ts so the
 * SimPhone class stays a thin public face.
 */
import type { PhoneNetwork } from './network.js';
import type { PhoneSessions, EncType } from './sessions.js';
import type { KindFields } from './content.js';
import type { CallRecord } from './calls.js';
import type { BinaryNode } from '../binary/types.js';
import type { SenderKeyState } from '../crypto/sender-keys.js';
import type { AppStateKey } from './app-state-keys.js';

/** What edits, revokes and reactions leave on the message they target (inbox or sent). */
export interface ActedOn {
  /** The latest edited text, and every edit in order. */
  edited_text?: string;
  edits?: { text: string; at: string }[];
  revoked?: true;
  /** One per sender; an empty emoji removed that sender's reaction. */
  reactions?: { from: string; emoji: string }[];
}

/** Kind fields (sim/src/phone/content.ts): media, location, contacts, poll, view_once, quoted, mentions, forwarded. */
export interface InboxEntry extends Omit<KindFields, 'type' | 'text'>, ActedOn {
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
  /** How it arrived: `pkmsg` for the first message of a session, then `msg`; `skmsg` in a group. */
  enc: EncType | 'skmsg' | 'plaintext';
  /** The group jid (`…@g.us`) of a group message; `from`/`from_jid` are then its author. */
  group?: string;
  /** The channel jid (`…@newsletter`) of a channel post (`from` is then empty), and its server id. */
  newsletter?: string;
  server_id?: string;
  /** Sender's timestamp, seconds. */
  timestamp: number;
  received_at: string;
  /** Receipts this phone sent for it. */
  receipts: string[];
  /** How many copies with this id from this sender were decrypted; one was kept (the first). */
  copies: number;
}

export type SentStatus = 'pending' | 'server_ack' | 'delivered' | 'read' | 'played' | 'error';

export interface SentMessage extends ActedOn {
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
  /** Device jids that sent a played receipt (voice notes, view-once). */
  played_by?: string[];
  error?: string;
  sent_at: string;
  /** Encoded Message (base64), kept for retry receipts. Phone-sent only. */
  message?: string;
}

export interface PresenceSeen {
  /** PN digits of who it is about. */
  from: string;
  type: 'composing' | 'recording' | 'paused' | 'available' | 'unavailable';
  at: string;
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
  /** Chatstates and presences the network delivered to this phone, oldest first. */
  readonly presences: PresenceSeen[];
  /** Calls offered by or to this phone, oldest first (signalling only). */
  readonly calls: CallRecord[];
  /** Message ids decrypted so far, as `senderPn/id` → copies seen (bounded like the inbox). */
  readonly seen: Map<string, number>;
  /** Group members' sender keys by `group::lid:device` (group-keys.ts). */
  readonly senderKeys: Map<string, SenderKeyState>;
  /** The app-state sync key(s) this phone shares with its companions (app-state-keys.ts). */
  readonly appStateKeys: AppStateKey[];
  /** Our identity, signed prekey and one fresh one-time prekey, for a retry receipt's `<keys>`. */
  retryKeys(): {
    identity: Uint8Array;
    preKey: { keyId: number; publicKey: Uint8Array };
    signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  };
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

/**
 * Counts a decrypted message `id` from `fromPn`; true when it was seen before (a resend with the
 * same id), which a phone drops. The kept inbox copy shows how many arrived (`copies`).
 */
export function isRepeat(core: PhoneCore, fromPn: string, id: string): boolean {
  const key = `${fromPn}/${id}`;
  const copies = (core.seen.get(key) ?? 0) + 1;
  core.seen.set(key, copies);
  if (copies === 1) {
    if (core.seen.size > INBOX_LIMIT) core.seen.delete(core.seen.keys().next().value!);
    return false;
  }
  const kept = core.received.find((m) => m.id === id && m.from === fromPn);
  if (kept) kept.copies = copies;
  return true;
}
