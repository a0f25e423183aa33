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

const ACK: Record<string, number> = { failed: -1, queued: 0, sending: 0, sent: 1, delivered: 2, read: 3, played: 4 };
const TYPE: Record<string, string> = { text: 'chat', contact: 'vcard', poll: 'poll_creation' };

/** whatsapp-web.js WAState of a session status. */
export function waState(status: SessionStatus): string {
  if (status === 'connected') return 'CONNECTED';
  if (status === 'need_scan' || status === 'logged_out') return 'UNPAIRED';
  if (status === 'connecting') return 'OPENING';
  return 'UNLAUNCHED';
}

export function toWwebjsMessage(m: Message, me: string | null): Record<string, unknown> {
  const fromMe = m.direction === 'out';
  const chat = toWwebjsId(m.chatId);
  const own = me ? toWwebjsId(me) : '';
  const key = m.waId ?? m.id;
  const seconds = Math.floor(Date.parse(m.waTimestamp ?? m.createdAt) / 1000);
  return {
    id: { fromMe, remote: chat, id: key, _serialized: `${fromMe}_${chat}_${key}` },
    ack: m.status === 'received' ? 0 : (ACK[m.status] ?? 0),
    hasMedia: ['image', 'video', 'audio', 'document', 'sticker'].includes(m.kind),
    body: m.text ?? '',
    type: TYPE[m.kind] ?? m.kind,
    timestamp: Number.isFinite(seconds) ? seconds : 0,
    from: fromMe ? own : chat,
    to: fromMe ? chat : own,
    fromMe,
    isForwarded: false,
    isStarred: Boolean(m.starredAt),
    hasQuotedMsg: false,
    hasReaction: (m.reactions?.length ?? 0) > 0,
    mentionedIds: [],
  };
}
