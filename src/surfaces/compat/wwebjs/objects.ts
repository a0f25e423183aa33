// whatsapp-web.js Chat, GroupChat, Contact and Label objects (API-CATALOG.md §6.9) from wagate's
// chat state, group info, stored contacts and labels.
import type { ChatSummary } from '../../../core/chats/chat.types.js';
import type { Label } from '../../../core/ports/label-store.js';
import type { StoredContact } from '../../../core/ports/contact-store.js';
import type { GroupInfo, GroupParticipant } from '../../../core/ports/group-engine.js';
import { seconds, toWwebjsId, wid } from './shapes.js';

type Json = Record<string, unknown>;

export function toWwebjsChat(s: ChatSummary, name: string, lastMessage: Json | null = null): Json {
  const mutedUntil = s.mutedUntil ? seconds(s.mutedUntil) : 0;
  return {
    id: wid(s.chatId),
    name,
    isGroup: s.chatId.endsWith('@g.us'),
    isReadOnly: false,
    unreadCount: s.markedUnreadAt ? 1 : 0,
    timestamp: seconds(s.lastMessageAt),
    archived: Boolean(s.archivedAt),
    pinned: Boolean(s.pinnedAt),
    isMuted: mutedUntil > Date.now() / 1000,
    muteExpiration: mutedUntil > 253_000_000_000 ? -1 : mutedUntil,
    ...(lastMessage ? { lastMessage } : {}),
  };
}

export function toWwebjsParticipant(p: GroupParticipant): Json {
  return {
    id: wid(p.phone ? `${p.phone}@c.us` : p.jid),
    isAdmin: p.role !== 'member',
    isSuperAdmin: p.role === 'superadmin',
  };
}

export function toWwebjsGroupChat(g: GroupInfo, s: ChatSummary): Json {
  const participants = g.participants.map(toWwebjsParticipant);
  const owner = g.owner ? wid(g.owner) : null;
  const creation = seconds(g.createdAt);
  return {
    ...toWwebjsChat(s, g.subject),
    isGroup: true,
    isReadOnly: false,
    groupMetadata: {
      id: wid(g.id),
      creation,
      owner,
      subject: g.subject,
      subjectTime: creation,
      desc: g.description ?? '',
      descId: '',
      restrict: g.restrict,
      announce: g.announce,
      memberAddMode: g.memberAddMode,
      membershipApprovalMode: g.joinApproval,
      size: g.size,
      participants,
    },
    owner,
    createdAt: g.createdAt,
    description: g.description ?? '',
    participants,
  };
}

export interface ContactFacts {
  isMe?: boolean;
  isBlocked?: boolean;
}

/** A Contact from what wagate knows of a person (a stored contact, or only the JID). */
export function toWwebjsContact(
  c: Pick<StoredContact, 'jid'> & Partial<StoredContact>,
  facts: ContactFacts = {},
): Json {
  const id = wid(c.phone ? `${c.phone}@c.us` : c.jid);
  const isGroup = id.server === 'g.us';
  return {
    id,
    number: c.phone ?? id.user,
    isBusiness: false,
    isEnterprise: false,
    labels: [],
    ...(c.name ? { name: c.name, shortName: c.name.split(' ')[0] } : {}),
    ...(c.pushName ? { pushname: c.pushName } : {}),
    sectionHeader: null,
    statusMute: false,
    type: 'in',
    verifiedLevel: null,
    verifiedName: null,
    isMe: Boolean(facts.isMe),
    isUser: !isGroup,
    isGroup,
    isWAContact: !isGroup,
    isMyContact: Boolean(c.name),
    isBlocked: Boolean(facts.isBlocked),
  };
}

// WhatsApp Business's label palette, by colour index.
const LABEL_COLORS = [
  '#ff9485',
  '#64c4ff',
  '#ffd429',
  '#dfaef0',
  '#99b6c1',
  '#55ccb3',
  '#ff9dff',
  '#d3a91d',
  '#6d7cce',
  '#d7e752',
  '#00d0e2',
  '#ffc5c7',
  '#93ceac',
  '#f74848',
  '#00a0f2',
  '#83e422',
  '#ffaf04',
  '#b5ebff',
  '#9ba6ff',
  '#9368cf',
];

export function toWwebjsLabel(l: Label): Json {
  return { id: l.id, name: l.name, hexColor: LABEL_COLORS[l.color] ?? LABEL_COLORS[0] };
}

/** A chat's display name: the group subject, the saved or push name, else the number. */
export function chatName(chatId: string, contact: Partial<StoredContact> | null, subject?: string): string {
  if (subject) return subject;
  return contact?.name ?? contact?.pushName ?? toWwebjsId(chatId).split('@')[0] ?? chatId;
}
