/**
 * What a received Message says, for the inbox: its kind and everything a test checks about it
 * (text or caption, media reference, location, contact cards, poll, view-once, quote, mentions,
 * forwarded), and the actions it carries (edit, revoke, reaction) on an earlier message.
 *
 * Wrappers are unwrapped as Baileys' `normalizeMessageContent` does (ephemeral, view-once V1/V2/V2
 * extension, document-with-caption, edited).
 */
import type { proto } from 'baileys/WAProto/index.js';

export interface MediaInfo {
  mimetype?: string;
  /** Hex sha256 of the bytes the phone downloaded and decrypted (absent when that failed). */
  sha256?: string;
  /** Size of the decrypted file (or the sender's fileLength when the download failed). */
  size?: number;
  file_name?: string;
  /** Why the media could not be downloaded or did not verify. */
  error?: string;
}

/** Where a media file is and how to open it (not kept in the inbox). */
export interface MediaRef {
  /** HKDF kind: image, video, audio, ptt, document, sticker, ptv. */
  kind: string;
  mediaKey?: Uint8Array;
  directPath?: string;
  url?: string;
  fileEncSha256?: Uint8Array;
  fileSha256?: Uint8Array;
  fileLength?: number;
}

export interface ContactCard {
  name: string;
  vcard: string;
  /** Digits of the vCard's `waid=`, else of its first TEL. */
  phone: string;
}

export interface KindFields {
  /** text, image, video, audio, ptt, document, sticker, location, contact, poll, reaction, unknown */
  type: string;
  text?: string;
  media?: MediaInfo;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contacts?: ContactCard[];
  poll?: { question: string; options: string[]; multi_select: boolean };
  view_once?: true;
  quoted?: { id: string; participant?: string };
  mentions?: string[];
  forwarded?: true;
}

/** An action on an earlier message (its id), from the message's sender. */
export type Action =
  | { kind: 'edit'; id: string; text: string }
  | { kind: 'revoke'; id: string }
  | { kind: 'reaction'; id: string; emoji: string };

export interface ReadContent {
  fields: KindFields;
  mediaRef?: MediaRef;
  action?: Action;
}

/** `proto.Message.ProtocolMessage.Type` values, shared with compose.ts (the protos are imported as types only). */
export const PROTOCOL_REVOKE = 0;
export const PROTOCOL_MESSAGE_EDIT = 14;

type Msg = proto.IMessage;

/** Strip the future-proof wrappers; reports whether a view-once wrapper was among them. */
export function unwrap(message: Msg): { message: Msg; viewOnce: boolean } {
  let m = message;
  let viewOnce = false;
  for (let i = 0; i < 5; i++) {
    const once = m.viewOnceMessage ?? m.viewOnceMessageV2 ?? m.viewOnceMessageV2Extension;
    if (once) viewOnce = true;
    const inner = m.ephemeralMessage ?? once ?? m.documentWithCaptionMessage ?? m.editedMessage;
    if (!inner?.message) break;
    m = inner.message;
  }
  return { message: m, viewOnce };
}

const num = (v: number | Long | null | undefined): number | undefined =>
  v == null ? undefined : typeof v === 'number' ? v : v.toNumber();
type Long = { toNumber(): number };

const bytes = (b: Uint8Array | null | undefined): Uint8Array | undefined => (b?.length ? b : undefined);

/** The plain text of a message (body or caption), for edits as well. */
export function textOf(m: Msg): string | undefined {
  const { message } = unwrap(m);
  return message.conversation ?? message.extendedTextMessage?.text ?? mediaOf(message)?.message.caption ?? undefined;
}

interface MediaMessage {
  mimetype?: string | null;
  caption?: string | null;
  fileName?: string | null;
  mediaKey?: Uint8Array | null;
  directPath?: string | null;
  url?: string | null;
  fileEncSha256?: Uint8Array | null;
  fileSha256?: Uint8Array | null;
  fileLength?: number | Long | null;
  contextInfo?: proto.IContextInfo | null;
}

function mediaOf(m: Msg): { kind: string; type: string; message: MediaMessage } | undefined {
  if (m.imageMessage) return { kind: 'image', type: 'image', message: m.imageMessage };
  if (m.videoMessage) return { kind: 'video', type: 'video', message: m.videoMessage };
  if (m.ptvMessage) return { kind: 'ptv', type: 'video', message: m.ptvMessage };
  if (m.audioMessage)
    return {
      kind: m.audioMessage.ptt ? 'ptt' : 'audio',
      type: m.audioMessage.ptt ? 'ptt' : 'audio',
      message: m.audioMessage,
    };
  if (m.documentMessage) return { kind: 'document', type: 'document', message: m.documentMessage };
  if (m.stickerMessage) return { kind: 'sticker', type: 'sticker', message: m.stickerMessage };
  return undefined;
}

export function contactCard(c: proto.Message.IContactMessage): ContactCard {
  const vcard = c.vcard ?? '';
  const waid = /waid=(\d+)/i.exec(vcard)?.[1];
  const tel = /^TEL[^:]*:(.*)$/im.exec(vcard)?.[1];
  return { name: c.displayName ?? '', vcard, phone: waid ?? (tel ?? '').replace(/\D/g, '') };
}

/** The contextInfo of whichever inner message carries one. */
function contextOf(m: Msg): proto.IContextInfo | undefined {
  for (const value of Object.values(m)) {
    if (value && typeof value === 'object' && 'contextInfo' in value) {
      const ctx = (value as { contextInfo?: proto.IContextInfo | null }).contextInfo;
      if (ctx) return ctx;
    }
  }
  return undefined;
}

export function readContent(original: Msg): ReadContent {
  const { message: m, viewOnce } = unwrap(original);
  const proto = m.protocolMessage;
  if (proto?.key?.id) {
    if (proto.type === PROTOCOL_REVOKE)
      return { fields: { type: 'protocol' }, action: { kind: 'revoke', id: proto.key.id } };
    if (proto.type === PROTOCOL_MESSAGE_EDIT && proto.editedMessage) {
      return {
        fields: { type: 'protocol' },
        action: { kind: 'edit', id: proto.key.id, text: textOf(proto.editedMessage) ?? '' },
      };
    }
  }
  if (m.reactionMessage?.key?.id) {
    const emoji = m.reactionMessage.text ?? '';
    return {
      fields: { type: 'reaction', text: emoji },
      action: { kind: 'reaction', id: m.reactionMessage.key.id, emoji },
    };
  }

  const fields: KindFields = { type: 'unknown' };
  let mediaRef: MediaRef | undefined;
  const media = mediaOf(m);
  if (m.conversation != null || m.extendedTextMessage) {
    fields.type = 'text';
    fields.text = m.conversation ?? m.extendedTextMessage?.text ?? '';
  } else if (media) {
    const mm = media.message;
    fields.type = media.type;
    if (mm.caption) fields.text = mm.caption;
    fields.media = {
      ...(mm.mimetype ? { mimetype: mm.mimetype } : {}),
      ...(num(mm.fileLength) !== undefined ? { size: num(mm.fileLength)! } : {}),
      ...(media.type === 'document' && mm.fileName ? { file_name: mm.fileName } : {}),
    };
    mediaRef = {
      kind: media.kind,
      ...(bytes(mm.mediaKey) ? { mediaKey: mm.mediaKey! } : {}),
      ...(mm.directPath ? { directPath: mm.directPath } : {}),
      ...(mm.url ? { url: mm.url } : {}),
      ...(bytes(mm.fileEncSha256) ? { fileEncSha256: mm.fileEncSha256! } : {}),
      ...(bytes(mm.fileSha256) ? { fileSha256: mm.fileSha256! } : {}),
      ...(num(mm.fileLength) !== undefined ? { fileLength: num(mm.fileLength)! } : {}),
    };
  } else if (m.locationMessage || m.liveLocationMessage) {
    const l = m.locationMessage ?? m.liveLocationMessage!;
    const named = m.locationMessage ?? {};
    fields.type = 'location';
    fields.location = {
      latitude: l.degreesLatitude ?? 0,
      longitude: l.degreesLongitude ?? 0,
      ...('name' in named && named.name ? { name: named.name } : {}),
      ...('address' in named && named.address ? { address: named.address } : {}),
    };
  } else if (m.contactMessage || m.contactsArrayMessage) {
    fields.type = 'contact';
    fields.contacts = m.contactMessage
      ? [contactCard(m.contactMessage)]
      : (m.contactsArrayMessage?.contacts ?? []).map(contactCard);
  } else if (m.pollCreationMessage || m.pollCreationMessageV2 || m.pollCreationMessageV3) {
    const p = (m.pollCreationMessage ?? m.pollCreationMessageV2 ?? m.pollCreationMessageV3)!;
    fields.type = 'poll';
    fields.poll = {
      question: p.name ?? '',
      options: (p.options ?? []).map((o) => o.optionName ?? ''),
      // 1 = exactly one choice; 0 (no limit) or more = several.
      multi_select: (p.selectableOptionsCount ?? 0) !== 1,
    };
  } else if (m.protocolMessage) {
    fields.type = 'protocol';
  }

  if (viewOnce) fields.view_once = true;
  const ctx = contextOf(m);
  if (ctx?.stanzaId) fields.quoted = { id: ctx.stanzaId, ...(ctx.participant ? { participant: ctx.participant } : {}) };
  if (ctx?.mentionedJid?.length) fields.mentions = [...ctx.mentionedJid];
  if (ctx?.isForwarded) fields.forwarded = true;
  return { fields, ...(mediaRef ? { mediaRef } : {}) };
}
