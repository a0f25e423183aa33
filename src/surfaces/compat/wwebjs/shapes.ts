// whatsapp-web.js object shapes (API-CATALOG.md §6.9) built from wagate's records: ids in the
// `@c.us`/`@g.us` form, ack on its -1…4 scale, timestamps in seconds.
import type { Message } from '../../../core/messages/message.types.js';
import type { SessionStatus } from '../../../core/sessions/session-status.js';

/** A wagate JID as whatsapp-web.js writes it (`@s.whatsapp.net` → `@c.us`). */
export function toWwebjsId(jid: string): string {
  return jid.replace(/@s\.whatsapp\.net$/, '@c.us');
}

/** A whatsapp-web.js id as wagate takes it (`@c.us` → `@s.whatsapp.net`). */
export function fromWwebjsId(id: string): string {
  return id.replace(/@c\.us$/, '@s.whatsapp.net');
}

/** whatsapp-web.js's `{server, user, _serialized}` of a JID. */
export function wid(jid: string): { server: string; user: string; _serialized: string } {
  const id = toWwebjsId(jid);
  const at = id.lastIndexOf('@');
  return { server: id.slice(at + 1), user: id.slice(0, at), _serialized: id };
}

/** Seconds since the epoch of an ISO time (0 when none). */
export function seconds(iso: string | null | undefined): number {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

const ACK: Record<string, number> = { failed: -1, queued: 0, sending: 0, sent: 1, delivered: 2, read: 3, played: 4 };
const TYPE: Record<string, string> = { text: 'chat', contact: 'vcard', poll: 'poll_creation' };
const MEDIA = ['image', 'video', 'audio', 'document', 'sticker'];

/** whatsapp-web.js WAState of a session status. */
export function waState(status: SessionStatus): string {
  if (status === 'connected') return 'CONNECTED';
  if (status === 'need_scan' || status === 'logged_out') return 'UNPAIRED';
  if (status === 'connecting') return 'OPENING';
  return 'UNLAUNCHED';
}

interface Context {
  stanzaId?: string;
  participant?: string;
  mentionedJid?: string[];
  isForwarded?: boolean;
  forwardingScore?: number;
}

/** The contextInfo (quote, mentions, forward) of a received message's raw WhatsApp payload. */
export function contextOf(m: Message): Context {
  const message = (m.raw as { message?: Record<string, unknown> } | null)?.message;
  if (!message || typeof message !== 'object') return {};
  for (const part of Object.values(message)) {
    const info = (part as { contextInfo?: Context } | null)?.contextInfo;
    if (info && typeof info === 'object') return info;
  }
  return {};
}

/** The WhatsApp key id this message quotes (received: its contextInfo; sent: none known here). */
export function quotedWaId(m: Message): string | null {
  return contextOf(m).stanzaId ?? null;
}

function messageType(m: Message): string {
  if (m.revokedAt) return 'revoked';
  if (m.kind === 'audio') {
    const sentVoice = (m.content as { voice?: boolean } | null)?.voice;
    const gotVoice = (m.raw as { message?: { audioMessage?: { ptt?: boolean } } } | null)?.message?.audioMessage?.ptt;
    if (sentVoice || gotVoice) return 'ptt';
  }
  if (m.kind === 'contact') {
    const n = (m.content as { contacts?: unknown[] } | null)?.contacts?.length ?? 1;
    return n > 1 ? 'multi_vcard' : 'vcard';
  }
  return TYPE[m.kind] ?? m.kind;
}

export function toWwebjsMessage(m: Message, me: string | null): Record<string, unknown> {
  const fromMe = m.direction === 'out';
  const chat = toWwebjsId(m.chatId);
  const own = me ? toWwebjsId(me) : '';
  const key = m.waId ?? m.id;
  const group = chat.endsWith('@g.us');
  const sender = m.sender?.jid ?? m.sender?.lid ?? null;
  const context = contextOf(m);
  const mentions = fromMe ? ((m.content?.mentions as string[] | undefined) ?? []) : (context.mentionedJid ?? []);
  const location = m.kind === 'location' ? (m.content as Record<string, unknown> | null) : null;
  return {
    id: {
      fromMe,
      remote: chat,
      id: key,
      _serialized: `${fromMe}_${chat}_${key}${group && !fromMe && sender ? `_${toWwebjsId(sender)}` : ''}`,
    },
    ack: m.status === 'received' ? 0 : (ACK[m.status] ?? 0),
    hasMedia: MEDIA.includes(m.kind),
    body: m.revokedAt ? '' : (m.text ?? ''),
    type: messageType(m),
    timestamp: seconds(m.waTimestamp ?? m.createdAt),
    from: fromMe ? own : group && sender ? toWwebjsId(sender) : chat,
    to: fromMe ? chat : own,
    author: group ? (fromMe ? own : sender ? toWwebjsId(sender) : null) : null,
    deviceType: fromMe ? 'web' : 'android',
    fromMe,
    isForwarded: Boolean(context.isForwarded || m.content?.forwarded || m.content?.kind === 'forward'),
    forwardingScore: context.forwardingScore ?? 0,
    isStatus: false,
    isStarred: Boolean(m.starredAt),
    broadcast: false,
    hasQuotedMsg: Boolean(context.stanzaId || m.content?.replyTo),
    hasReaction: (m.reactions?.length ?? 0) > 0,
    duration: null,
    ...(location ? { location: { latitude: location.latitude, longitude: location.longitude } } : {}),
    vCards: [],
    mentionedIds: mentions.map(toWwebjsId),
    groupMentions: [],
    isGif: false,
    isEphemeral: false,
    links: [],
    // whatsapp-web.js carries the raw message; wagate keeps the received WhatsApp payload.
    ...(m.raw ? { _data: m.raw } : {}),
  };
}
