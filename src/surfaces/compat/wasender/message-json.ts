// A wagate message in WasenderApi's shapes (API-CATALOG.md §4.4): the send answer, and the
// Baileys-like record of message info / edit (`key`, raw `message`, `messageTimestamp` as a string,
// `status` on the 0–5 scale). msgId is the message's stored integer alias (`seq`).
import type { MessageStatus, Message } from '../../../core/messages/message.types.js';
import type { OutgoingContent } from '../../../core/ports/engine.js';

/** WasenderApi's message status codes (0 ERROR … 5 PLAYED). */
export const STATUS_CODE: Record<MessageStatus, number> = {
  failed: 0,
  queued: 1,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  played: 5,
  received: 3,
};

/** Our outbound content in WhatsApp's message form (what the vendor echoes as `message`). */
export function waMessageOf(c: OutgoingContent | null, text: string | null): Record<string, unknown> {
  if (!c) return text === null ? {} : { conversation: text };
  const media = (m: { mimetype: string; size: number; sha256: string }) => ({
    mimetype: m.mimetype,
    fileLength: String(m.size),
    fileSha256: Buffer.from(m.sha256, 'hex').toString('base64'),
  });
  switch (c.kind) {
    case 'text':
      return c.mentions?.length
        ? { extendedTextMessage: { text: c.text, contextInfo: { mentionedJid: c.mentions } } }
        : { conversation: c.text };
    case 'image':
      return { imageMessage: { ...media(c.media), ...(c.caption ? { caption: c.caption } : {}) } };
    case 'video':
      return { videoMessage: { ...media(c.media), ...(c.caption ? { caption: c.caption } : {}) } };
    case 'audio':
      return { audioMessage: { ...media(c.media), ptt: c.voice } };
    case 'document':
      return {
        documentMessage: { ...media(c.media), fileName: c.fileName, ...(c.caption ? { caption: c.caption } : {}) },
      };
    case 'sticker':
      return { stickerMessage: media(c.media) };
    case 'location':
      return {
        locationMessage: {
          degreesLatitude: c.latitude,
          degreesLongitude: c.longitude,
          ...(c.name ? { name: c.name } : {}),
          ...(c.address ? { address: c.address } : {}),
        },
      };
    case 'contact':
      return { contactMessage: { displayName: c.contacts[0]?.name ?? '' } };
    case 'poll':
      return {
        pollCreationMessage: {
          name: c.question,
          options: c.options.map((optionName) => ({ optionName })),
          selectableOptionsCount: c.multiSelect ? 0 : 1,
        },
      };
    case 'forward':
      return text === null ? {} : { conversation: text };
  }
}

/** Baileys' JSON form of bytes (`{type:'Buffer', data}`) → base64 strings, as the vendor shows them. */
export function plainJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainJson);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (o['type'] === 'Buffer' && 'data' in o) {
    const data = o['data'];
    if (typeof data === 'string') return data;
    if (Array.isArray(data)) return Buffer.from(data as number[]).toString('base64');
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plainJson(x)]));
}

function rawOf(m: Message): { key?: Record<string, unknown>; message?: Record<string, unknown> } {
  return m.raw && typeof m.raw === 'object'
    ? (m.raw as { key?: Record<string, unknown>; message?: Record<string, unknown> })
    : {};
}

function epochSeconds(iso: string | null, fallback: string): string {
  return String(Math.floor(Date.parse(iso ?? fallback) / 1000));
}

/** The key WhatsApp knows the message by (our id until it has a WhatsApp id). */
export function keyOf(m: Message): { id: string; fromMe: boolean; remoteJid: string } {
  return { id: m.waId ?? m.id, fromMe: m.direction === 'out', remoteJid: m.chatId };
}

/** GET /api/messages/{msgId}/info. */
export function toMessageInfo(m: Message): Record<string, unknown> {
  const raw = rawOf(m);
  const key = keyOf(m);
  return {
    remoteJid: m.chatId,
    id: key.id,
    msgId: m.seq,
    key,
    message: raw.message ? plainJson(raw.message) : waMessageOf(m.content, m.text),
    messageTimestamp: epochSeconds(m.waTimestamp, m.createdAt),
    status: STATUS_CODE[m.status],
  };
}

/** PUT /api/messages/{msgId}: the edit as WhatsApp's protocol message (type 14 = MESSAGE_EDIT). */
export function toEditResult(m: Message, text: string, nowMs: number): Record<string, unknown> {
  const key = keyOf(m);
  return {
    remoteJid: m.chatId,
    id: key.id,
    msgId: m.seq,
    key,
    message: {
      protocolMessage: {
        key,
        type: 14,
        timestampMs: nowMs,
        editedMessage: { extendedTextMessage: { text } },
      },
    },
    messageTimestamp: String(Math.floor(nowMs / 1000)),
    status: 1,
  };
}
