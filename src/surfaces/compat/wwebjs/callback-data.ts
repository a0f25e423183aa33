// A wagate event as the whatsapp-web.js API's callback (API-CATALOG.md §6.10): its `dataType` and
// its `data` in whatsapp-web.js shapes (`{message}`, `{message, ack}`, `{qr}`, `{state}`…); `data`
// is absent for the data-less events (`authenticated`, `ready`).
import type { DomainEvent, EventMessage, EventPayloads, Person } from '../../../core/events/index.js';
import { seconds, toWwebjsId, waState } from './shapes.js';
import type { SessionStatus } from '../../../core/sessions/session-status.js';
import { wwebjsEventName } from './event-names.js';

type Json = Record<string, unknown>;

const ACK: Record<string, number> = { failed: -1, sent: 1, delivered: 2, read: 3, played: 4 };
const TYPE: Record<string, string> = { text: 'chat', contact: 'vcard', poll: 'poll_creation' };
const MEDIA = ['image', 'video', 'audio', 'document', 'sticker'];

const who = (p: Person | null | undefined): string | null =>
  p ? toWwebjsId(p.phone ? `${p.phone}@c.us` : p.jid) : null;

/** A whatsapp-web.js Message from an event's message (the receiving side's view). */
function eventMessage(m: EventMessage): Json {
  const chat = toWwebjsId(m.chat);
  const group = chat.endsWith('@g.us');
  const sender = who(m.sender);
  return {
    id: { fromMe: m.from_me, remote: chat, id: m.wa_id, _serialized: `${m.from_me}_${chat}_${m.wa_id}` },
    ack: m.from_me ? 0 : 1,
    hasMedia: MEDIA.includes(m.kind),
    body: m.text ?? '',
    type: TYPE[m.kind] ?? m.kind,
    timestamp: seconds(m.timestamp),
    from: m.from_me ? (sender ?? '') : group ? (sender ?? chat) : chat,
    to: m.from_me ? chat : '',
    author: group ? sender : null,
    fromMe: m.from_me,
    hasQuotedMsg: false,
    mentionedIds: [],
    ...(m.raw === undefined ? {} : { _data: m.raw }),
  };
}

/** The short Message an event about an earlier message names (id, chat). */
function ref(p: { wa_id: string; chat: string }, fromMe: boolean): Json {
  const chat = toWwebjsId(p.chat);
  return {
    id: { fromMe, remote: chat, id: p.wa_id, _serialized: `${fromMe}_${chat}_${p.wa_id}` },
    from: fromMe ? '' : chat,
    to: fromMe ? chat : '',
    fromMe,
  };
}

function sessionStatus(p: EventPayloads['session.status']): { dataType: string; data?: Json } {
  if (p.status === 'connected') return { dataType: 'ready' };
  if (p.status === 'logged_out') return { dataType: 'disconnected', data: { reason: 'LOGOUT' } };
  if (p.status === 'disconnected' || p.status === 'failed')
    return { dataType: 'disconnected', data: { reason: p.reason ?? 'NAVIGATION' } };
  return { dataType: 'change_state', data: { state: waState(p.status as SessionStatus) } };
}

export function callbackOf(event: DomainEvent): { dataType: string; data?: Json } {
  const dataType = wwebjsEventName(event.type);
  switch (event.type) {
    case 'session.status':
      return sessionStatus(event.payload as EventPayloads['session.status']);
    case 'session.qr':
      return { dataType, data: { qr: (event.payload as EventPayloads['session.qr']).qr } };
    case 'messages.received':
    case 'messages.sent':
      return { dataType, data: { message: eventMessage((event.payload as EventPayloads['messages.sent']).message) } };
    case 'messages.status': {
      const p = event.payload as EventPayloads['messages.status'];
      const ack = ACK[p.status] ?? 0;
      return { dataType, data: { message: { ...ref(p, true), ack }, ack } };
    }
    case 'messages.reaction': {
      const p = event.payload as EventPayloads['messages.reaction'];
      const msg = ref(p, true).id as Json;
      return {
        dataType,
        data: {
          reaction: {
            id: msg,
            orphan: 0,
            orphanReason: null,
            timestamp: seconds(event.created_at),
            reaction: p.emoji,
            read: false,
            msgId: msg,
            senderId: who(p.by),
            ack: null,
          },
        },
      };
    }
    case 'messages.edited': {
      const p = event.payload as EventPayloads['messages.edited'];
      return {
        dataType,
        data: { message: { ...ref(p, false), body: p.text ?? '' }, newBody: p.text, prevBody: p.previous_text },
      };
    }
    case 'messages.deleted': {
      const p = event.payload as EventPayloads['messages.deleted'];
      return {
        dataType: p.for_everyone ? 'message_revoke_everyone' : 'message_revoke_me',
        data: { message: { ...ref(p, false), type: 'revoked', body: '' } },
      };
    }
    case 'messages.media': {
      // `data` (base64) is added by the formatter, which may read the stored file.
      const p = event.payload as EventPayloads['messages.media'];
      return {
        dataType,
        data: {
          messageMedia: { mimetype: p.mimetype, data: null, filename: p.file_name ?? null, filesize: p.size },
          message: { ...ref(p, false), hasMedia: true },
        },
      };
    }
    case 'calls.incoming': {
      const p = event.payload as EventPayloads['calls.incoming'];
      return {
        dataType,
        data: {
          call: {
            id: p.call_id,
            from: who(p.from),
            timestamp: seconds(event.created_at),
            isVideo: p.is_video,
            isGroup: p.is_group,
            fromMe: false,
            canHandleLocally: false,
            webClientShouldHandle: false,
            participants: [],
          },
        },
      };
    }
    case 'groups.participants': {
      const p = event.payload as EventPayloads['groups.participants'];
      const type = p.action === 'add' ? 'add' : p.action === 'remove' ? 'remove' : p.action;
      return {
        dataType: p.action === 'add' ? 'group_join' : p.action === 'remove' ? 'group_leave' : 'group_update',
        data: {
          notification: {
            id: { remote: toWwebjsId(p.group) },
            body: '',
            type,
            timestamp: seconds(event.created_at),
            chatId: toWwebjsId(p.group),
            author: who(p.by),
            recipientIds: p.participants.map(who),
          },
        },
      };
    }
    case 'groups.update': {
      // One notification for the first change (whatsapp-web.js sends one per change).
      const g = ((event.payload as EventPayloads['groups.update']).groups[0] ?? {}) as Json;
      const type = ['subject', 'description', 'announce', 'restrict'].find((k) => k in g) ?? 'update';
      const chatId = toWwebjsId(String(g.id ?? ''));
      return {
        dataType,
        data: {
          notification: {
            id: { remote: chatId },
            body: typeof g[type] === 'string' ? g[type] : '',
            type,
            timestamp: seconds(event.created_at),
            chatId,
            author: null,
            recipientIds: [],
          },
        },
      };
    }
    case 'chats.update': {
      const c = ((event.payload as EventPayloads['chats.update']).chats[0] ?? {}) as Json;
      const id = toWwebjsId(String(c.id ?? ''));
      const chat = {
        id: { server: id.split('@')[1] ?? '', user: id.split('@')[0] ?? '', _serialized: id },
        isGroup: id.endsWith('@g.us'),
        archived: Boolean(c.archived),
        pinned: Boolean(c.pinned),
        isMuted: Boolean(c.muted_until),
        unreadCount: c.marked_unread ? 1 : 0,
      };
      return { dataType: 'unread_count', data: { chat } };
    }
    case 'chats.delete': {
      const id = toWwebjsId((event.payload as EventPayloads['chats.delete']).chats[0] ?? '');
      return { dataType, data: { chat: { id: { _serialized: id } } } };
    }
    default:
      return { dataType, data: event.payload as unknown as Json };
  }
}
