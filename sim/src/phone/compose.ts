/**
 * Messages the phone composes beyond text: actions on an earlier message (reaction, edit, revoke),
 * built the way Baileys' `generateWAMessageContent` does, with the stanza attribute WhatsApp expects.
 */
import type { proto } from 'baileys/WAProto/index.js';
import type { PhoneCore } from './core.js';

const PROTOCOL_REVOKE = 0;
const PROTOCOL_MESSAGE_EDIT = 14;

/** The key of message `id` in the chat with `peerJid`, from this phone's side. */
export function keyOf(core: PhoneCore, peerJid: string, id: string): proto.IMessageKey {
  const mine = core.outbox.has(id);
  if (!mine && !core.received.some((m) => m.id === id)) throw new UnknownMessageError(`message ${id} is neither in the inbox nor in what ${core.pn} sent`);
  return { remoteJid: peerJid, fromMe: mine, id };
}

export class UnknownMessageError extends Error {
  override name = 'UnknownMessageError';
}

export interface Composed {
  message: proto.IMessage;
  /** Extra `<message>` attributes (`edit=1` edit, `edit=7` sender revoke). */
  attrs: Record<string, string>;
}

export function reaction(key: proto.IMessageKey, emoji: string, nowMs: number): Composed {
  return { message: { reactionMessage: { key, text: emoji, senderTimestampMs: nowMs } }, attrs: {} };
}

export function edit(key: proto.IMessageKey, text: string, nowMs: number): Composed {
  return {
    message: { protocolMessage: { key, type: PROTOCOL_MESSAGE_EDIT, editedMessage: { conversation: text }, timestampMs: nowMs } },
    attrs: { edit: '1' },
  };
}

export function revoke(key: proto.IMessageKey): Composed {
  return { message: { protocolMessage: { key, type: PROTOCOL_REVOKE } }, attrs: { edit: '7' } };
}
