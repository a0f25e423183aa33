// wagate event payloads in WasenderApi's webhook shapes (API-CATALOG.md §4.7): message keys
// enriched with addressingMode, senderPn, cleanedSenderPn, senderLid (participant* in groups),
// `messageBody` and the raw `message`; `data.messages` a single object on *.received and an array
// on messages.upsert; status numbers on messages.update. Other events keep their lists.
import type { DomainEvent, EventMessage, EventPayloads, Person } from '../../../core/events/index.js';
import { STATUS_CODE, plainJson } from './message-json.js';

const digits = (jid: string | null | undefined) => (jid ? (jid.split('@')[0] ?? '').split(':')[0] : undefined);
/** Digits of a phone JID (or the value itself when it is not one), as the vendor's lists show people. */
const bare = (v: unknown): string | undefined => {
  if (typeof v !== 'string' || !v) return undefined;
  return v.endsWith('@s.whatsapp.net') ? digits(v) : v;
};
const pnJid = (p: Person | null) => (p?.phone ? `${p.phone}@s.whatsapp.net` : undefined);

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}

/** The enriched key of a message. */
export function messageKey(m: EventMessage): Record<string, unknown> {
  const sender = m.from_me ? null : m.sender;
  const addressingMode = sender && sender.jid.endsWith('@lid') ? 'lid' : 'pn';
  const base = { id: m.wa_id, fromMe: m.from_me, remoteJid: m.chat };
  if (!sender) return base;
  if (m.chat_type === 'group') {
    return defined({
      ...base,
      participant: sender.jid,
      participantPn: pnJid(sender),
      cleanedParticipantPn: sender.phone ?? undefined,
      participantLid: sender.lid ?? undefined,
      addressingMode,
    });
  }
  if (m.chat_type === 'newsletter') return base;
  return defined({
    ...base,
    addressingMode,
    senderPn: pnJid(sender),
    cleanedSenderPn: sender.phone ?? undefined,
    senderLid: sender.lid ?? undefined,
  });
}

function rawMessage(m: EventMessage): Record<string, unknown> {
  const raw = m.raw as { message?: unknown } | undefined;
  if (raw?.message && typeof raw.message === 'object') return plainJson(raw.message) as Record<string, unknown>;
  return m.text === null ? {} : { conversation: m.text };
}

export function messageEntry(m: EventMessage): Record<string, unknown> {
  return defined({ key: messageKey(m), messageBody: m.text ?? undefined, message: rawMessage(m) });
}

const refKey = (p: { wa_id: string; chat: string }, fromMe: boolean) => ({ id: p.wa_id, fromMe, remoteJid: p.chat });

/** The `data` of the vendor event `name` made from our event. */
export function wasenderData(event: DomainEvent, name: string): unknown {
  const p = event.payload as unknown;
  switch (event.type) {
    case 'messages.received':
    case 'messages.sent': {
      const m = (p as EventPayloads['messages.received']).message;
      if (name === 'messages.upsert') return { messages: [messageEntry(m)] };
      if (name === 'message.sent') return { key: messageKey(m), message: rawMessage(m), success: true };
      return { messages: messageEntry(m) };
    }
    case 'messages.failed': {
      const f = p as EventPayloads['messages.failed'];
      return { success: false, error: `Failed to send message: ${f.error.message}` };
    }
    case 'messages.status': {
      const s = p as EventPayloads['messages.status'];
      return { update: { status: STATUS_CODE[s.status] }, key: refKey(s, true) };
    }
    case 'messages.receipt': {
      const r = p as EventPayloads['messages.receipt'];
      const at = Math.floor(Date.parse(r.at) / 1000);
      return {
        message: {
          key: { ...refKey(r, true), participant: r.participant.jid },
          receipt: {
            userJid: r.participant.jid,
            ...(r.type === 'read' ? { readTimestamp: at } : { receiptTimestamp: at }),
          },
        },
      };
    }
    case 'messages.deleted': {
      const d = p as EventPayloads['messages.deleted'];
      return { keys: [refKey(d, d.by === null)] };
    }
    case 'messages.reaction': {
      const r = p as EventPayloads['messages.reaction'];
      return [
        {
          key: defined({
            id: r.wa_id,
            fromMe: r.by === null,
            remoteJid: r.chat,
            participant: r.chat.endsWith('@g.us') ? r.by?.jid : undefined,
          }),
          reaction: { text: r.emoji, key: refKey(r, true) },
        },
      ];
    }
    case 'polls.results': {
      const r = p as EventPayloads['polls.results'];
      return {
        key: refKey(r, true),
        pollResult: r.options.map((o) => ({ name: o.name, voters: o.voters.map((v) => pnJid(v) ?? v.jid) })),
      };
    }
    case 'session.status':
      return { status: (p as EventPayloads['session.status']).status };
    case 'session.qr':
      return { qr: (p as EventPayloads['session.qr']).qr };
    case 'calls.incoming': {
      const c = p as EventPayloads['calls.incoming'];
      return {
        call: {
          id: c.call_id,
          from: pnJid(c.from) ?? c.from.jid,
          date: event.created_at,
          isGroup: c.is_group,
          isVideo: c.is_video,
          status: c.status,
        },
      };
    }
    case 'groups.participants': {
      const g = p as EventPayloads['groups.participants'];
      return { jid: g.group, participants: g.participants.map((x) => x.phone ?? digits(x.jid)), action: g.action };
    }
    case 'contacts.upsert':
    case 'contacts.update':
      return (p as { contacts: Array<Record<string, unknown>> }).contacts.map((c) => ({
        ...defined({ jid: bare(c['phone']) ?? bare(c['jid']), name: c['name'], notify: c['push_name'] }),
        // Not known to wagate; the vendor's upsert always has the keys.
        ...(event.type === 'contacts.upsert' ? { verifiedName: null, status: null } : {}),
      }));
    case 'groups.upsert':
      return (p as { groups: Array<Record<string, unknown>> }).groups.map((g) => ({
        jid: g['id'],
        subject: g['subject'],
        creation: typeof g['created_at'] === 'string' ? Math.floor(Date.parse(g['created_at']) / 1000) : null,
        owner: bare(g['owner']) ?? null,
        desc: g['description'] ?? null,
        participants: ((g['participants'] as Array<Record<string, unknown>> | undefined) ?? []).map((x) => ({
          jid: bare(x['phone']) ?? bare(x['jid']),
          isAdmin: x['role'] === 'admin' || x['role'] === 'superadmin',
          isSuperAdmin: x['role'] === 'superadmin',
        })),
      }));
    case 'groups.update':
      return (p as { groups: Array<Record<string, unknown>> }).groups.map((g) =>
        defined({
          jid: g['id'],
          subject: g['subject'],
          desc: g['description'],
          announce: g['announce'],
          restrict: g['restrict'],
        }),
      );
    case 'chats.upsert':
    case 'chats.update':
      // wagate's chat state (archived, pinned, muted_until, marked_unread) under the vendor's `id`.
      return (p as { chats: Array<Record<string, unknown>> }).chats.map(({ id, ...rest }) => ({
        id: bare(id),
        ...rest,
      }));
    case 'chats.delete':
      return (p as { chats: string[] }).chats.map((c) => bare(c));
    default:
      return p;
  }
}
