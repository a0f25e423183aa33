// Domain content → Baileys' AnyMessageContent (+ the send options a quote needs), and domain
// message keys → WAMessageKey.
import {
  BufferJSON,
  type AnyMessageContent,
  type MiscMessageGenerationOptions,
  type WAMessage,
  type WAMessageKey,
  type proto,
} from 'baileys';
import type { EarlierMessage, MediaRef, MessageRef, OutgoingBody, OutgoingContent } from '../../core/ports/engine.js';

export function toMessageKey(ref: MessageRef): WAMessageKey {
  return {
    remoteJid: ref.chat,
    id: ref.waId,
    fromMe: ref.fromMe,
    ...(ref.participant ? { participant: ref.participant } : {}),
  };
}

/** vCard 3.0 text escaping (RFC 2426 §4): backslash, comma, semicolon, newline. */
function vcardEscape(value: string): string {
  return value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** A vCard WhatsApp shows as a contact with a "Message" button (the `waid` parameter). */
export function vcard(name: string, phone: string): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${vcardEscape(name)}`,
    `TEL;type=CELL;type=VOICE;waid=${phone}:+${phone}`,
    'END:VCARD',
  ].join('\n');
}

function file(media: MediaRef): { url: string } {
  // The runtime host sets `path` just before sending; Baileys streams a local path given as `url`.
  if (!media.path) throw new Error(`media ${media.id} has no local file`);
  return { url: media.path };
}

/** Voice notes must say they are Opus in OGG, or WhatsApp plays them as plain audio files. */
function audioMimetype(mimetype: string, voice: boolean): string {
  return voice && mimetype.startsWith('audio/ogg') ? 'audio/ogg; codecs=opus' : mimetype;
}

/** The raw WAMessage stored for an inbound message (InboundMessage.raw), back with its Buffers. */
export function reviveMessage(payload: unknown): WAMessage {
  return JSON.parse(JSON.stringify(payload), BufferJSON.reviver) as WAMessage;
}

function bodyContent(body: OutgoingBody): AnyMessageContent {
  switch (body.kind) {
    case 'text':
      return { text: body.text };
    case 'image':
      return {
        image: file(body.media),
        mimetype: body.media.mimetype,
        ...(body.caption ? { caption: body.caption } : {}),
      };
    case 'video':
      return {
        video: file(body.media),
        mimetype: body.media.mimetype,
        ...(body.caption ? { caption: body.caption } : {}),
      };
    case 'audio':
      return { audio: file(body.media), mimetype: audioMimetype(body.media.mimetype, body.voice), ptt: body.voice };
    case 'document':
      return {
        document: file(body.media),
        mimetype: body.mimetype,
        fileName: body.fileName,
        ...(body.caption ? { caption: body.caption } : {}),
      };
    case 'sticker':
      return { sticker: file(body.media), mimetype: body.media.mimetype };
    case 'location':
      return {
        location: {
          degreesLatitude: body.latitude,
          degreesLongitude: body.longitude,
          ...(body.name ? { name: body.name } : {}),
          ...(body.address ? { address: body.address } : {}),
        },
      };
    case 'contact': {
      const contacts = body.contacts.map((c) => ({ displayName: c.name, vcard: vcard(c.name, c.phone) }));
      return {
        contacts: {
          displayName: contacts.length === 1 ? (contacts[0]?.displayName ?? '') : `${contacts.length} contacts`,
          contacts,
        },
      };
    }
    case 'poll':
      // selectableCount 0 = any number of answers, 1 = one (Baileys sends that as pollCreationMessageV3).
      return { poll: { name: body.question, values: body.options, selectableCount: body.multiSelect ? 0 : 1 } };
    case 'forward':
      return { forward: reviveMessage(body.original.payload) };
  }
}

/** A minimal Message for the quote preview of one of our own messages (we keep no raw copy of those). */
function quotePreview(q: EarlierMessage): proto.IMessage {
  const c = q.content;
  if (q.payload) return reviveMessage(q.payload).message ?? { conversation: q.text ?? '' };
  switch (c?.kind) {
    case 'image':
      return { imageMessage: { caption: c.caption ?? null, mimetype: c.media.mimetype } };
    case 'video':
      return { videoMessage: { caption: c.caption ?? null, mimetype: c.media.mimetype } };
    case 'audio':
      return { audioMessage: { mimetype: c.media.mimetype, ptt: c.voice } };
    case 'document':
      return { documentMessage: { fileName: c.fileName, mimetype: c.mimetype, caption: c.caption ?? null } };
    case 'sticker':
      return { stickerMessage: { mimetype: c.media.mimetype } };
    case 'location':
      return { locationMessage: { degreesLatitude: c.latitude, degreesLongitude: c.longitude, name: c.name ?? null } };
    case 'poll':
      return { pollCreationMessage: { name: c.question, options: c.options.map((optionName) => ({ optionName })) } };
    default:
      return { conversation: q.text ?? '' };
  }
}

/** What to hand Baileys' sendMessage for `content`: the content and the options (quote). */
export function toOutgoingMessage(content: OutgoingContent): {
  message: AnyMessageContent;
  options: MiscMessageGenerationOptions;
} {
  const message = bodyContent(content) as AnyMessageContent & Record<string, unknown>;
  // A forward keeps the original's context; the other modifiers apply to new content only.
  if (content.kind !== 'forward') {
    if (content.viewOnce) message['viewOnce'] = true;
    if (content.mentions?.length) message['mentions'] = content.mentions;
    if (content.forwarded) message['contextInfo'] = { isForwarded: true, forwardingScore: 1 };
  }
  const quoted = content.replyTo?.quoted;
  const options: MiscMessageGenerationOptions = quoted
    ? {
        quoted: {
          key: toMessageKey(quoted.ref),
          message: quotePreview(quoted),
          ...(quoted.ref.participant ? { participant: quoted.ref.participant } : {}),
        },
      }
    : {};
  return { message, options };
}
