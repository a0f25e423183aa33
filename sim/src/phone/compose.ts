/**
 * Messages the phone composes beyond text: actions on an earlier message (reaction, edit, revoke),
 * built the way Baileys' `generateWAMessageContent` does, with the stanza attribute WhatsApp expects.
 */
import type { proto } from 'baileys/WAProto/index.js';
import type { PhoneCore } from './core.js';
import { PROTOCOL_MESSAGE_EDIT, PROTOCOL_REVOKE } from './content.js';

/** The key of message `id` in the chat with `peerJid`, from this phone's side. */
export function keyOf(core: PhoneCore, peerJid: string, id: string): proto.IMessageKey {
  const mine = core.outbox.has(id);
  if (!mine && !core.received.some((m) => m.id === id))
    throw new UnknownMessageError(`message ${id} is neither in the inbox nor in what ${core.pn} sent`);
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
    message: {
      protocolMessage: { key, type: PROTOCOL_MESSAGE_EDIT, editedMessage: { conversation: text }, timestampMs: nowMs },
    },
    attrs: { edit: '1' },
  };
}

export function revoke(key: proto.IMessageKey): Composed {
  return { message: { protocolMessage: { key, type: PROTOCOL_REVOKE } }, attrs: { edit: '7' } };
}

export function location(latitude: number, longitude: number, name?: string, address?: string): proto.IMessage {
  return {
    locationMessage: {
      degreesLatitude: latitude,
      degreesLongitude: longitude,
      ...(name ? { name } : {}),
      ...(address ? { address } : {}),
    },
  };
}

/** A vCard 3.0 with the `waid` WhatsApp uses to link the card to the account. */
export function vcard(name: string, phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `BEGIN:VCARD\nVERSION:3.0\nFN:${name}\nTEL;type=CELL;type=VOICE;waid=${digits}:+${digits}\nEND:VCARD`;
}

/** One card → contactMessage; several → contactsArrayMessage (as WhatsApp sends them). */
export function contacts(cards: { name: string; phone: string }[]): proto.IMessage {
  const list = cards.map((c) => ({ displayName: c.name, vcard: vcard(c.name, c.phone) }));
  return list.length === 1
    ? { contactMessage: list[0]! }
    : { contactsArrayMessage: { displayName: `${list.length} contacts`, contacts: list } };
}

/** Single-choice polls go as pollCreationMessageV3, others as pollCreationMessage (Baileys' choice). */
export function poll(question: string, options: string[], multiSelect: boolean, secret: Uint8Array): proto.IMessage {
  const creation = {
    name: question,
    options: options.map((optionName) => ({ optionName })),
    selectableOptionsCount: multiSelect ? 0 : 1,
  };
  return {
    messageContextInfo: { messageSecret: secret },
    ...(multiSelect ? { pollCreationMessage: creation } : { pollCreationMessageV3: creation }),
  };
}
