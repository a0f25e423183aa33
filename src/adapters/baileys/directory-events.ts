// Baileys' group and contact events → the core's DirectoryChange (EngineEvent `directory`).
import {
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  type BaileysEventMap,
  type Contact,
  type GroupMetadata,
} from 'baileys';
import type {
  ContactInfo,
  DirectoryChange,
  DirectoryPerson,
  JoinRequestAction,
} from '../../core/ports/directory-events.js';
import type { GroupInfo, ParticipantChange } from '../../core/ports/group-engine.js';
import { toGroupInfo } from './groups.js';

const phoneOfJid = (jid: string | null) => (jid ? (jid.split('@')[0] ?? null) : null);

/** A person from any of the JIDs Baileys gives (id in either form, plus the other when known). */
export function personOf(
  id: string,
  alt?: { phoneNumber?: string | undefined; lid?: string | undefined },
): DirectoryPerson {
  const jid = jidNormalizedUser(id);
  const pn = isPnUser(jid)
    ? jid
    : alt?.phoneNumber && isPnUser(alt.phoneNumber)
      ? jidNormalizedUser(alt.phoneNumber)
      : null;
  const lid = isLidUser(jid) ? jid : alt?.lid && isLidUser(alt.lid) ? jidNormalizedUser(alt.lid) : null;
  return { jid: pn ?? lid ?? jid, phone: phoneOfJid(pn), lid };
}

export function groupsUpsert(groups: GroupMetadata[]): DirectoryChange {
  return { kind: 'groups.upsert', groups: groups.map(toGroupInfo) };
}

export function groupsUpdate(updates: Partial<GroupMetadata>[]): DirectoryChange | null {
  const groups = updates
    .filter((u): u is Partial<GroupMetadata> & { id: string } => Boolean(u.id))
    .map((u) => {
      const g: Partial<GroupInfo> & { id: string } = { id: u.id };
      if (u.subject !== undefined) g.subject = u.subject;
      if (u.desc !== undefined) g.description = u.desc ?? null;
      if (u.announce !== undefined) g.announce = Boolean(u.announce);
      if (u.restrict !== undefined) g.restrict = Boolean(u.restrict);
      if (u.joinApprovalMode !== undefined) g.joinApproval = Boolean(u.joinApprovalMode);
      if (u.memberAddMode !== undefined) g.memberAddMode = u.memberAddMode ? 'all_member_add' : 'admin_add';
      return g;
    });
  return groups.length > 0 ? { kind: 'groups.update', groups } : null;
}

const ACTIONS = new Set<string>(['add', 'remove', 'promote', 'demote']);

export function participantsUpdate(u: BaileysEventMap['group-participants.update']): DirectoryChange | null {
  if (!ACTIONS.has(u.action)) return null;
  return {
    kind: 'groups.participants',
    group: u.id,
    action: u.action as ParticipantChange,
    participants: u.participants.map((p) =>
      typeof p === 'string' ? personOf(p) : personOf(p.id, { phoneNumber: p.phoneNumber, lid: p.lid }),
    ),
    by: u.author ? personOf(u.author, { phoneNumber: u.authorPn }) : null,
  };
}

/** Baileys' join-request actions in our words: `revoked` is the asker withdrawing. */
const JOIN_REQUEST_ACTIONS: Record<string, JoinRequestAction> = {
  created: 'requested',
  revoked: 'cancelled',
  rejected: 'rejected',
};

/** A join request arrived at a group we administer, was withdrawn, or an admin on another device refused it. */
export function joinRequest(u: BaileysEventMap['group.join-request']): DirectoryChange | null {
  const action = JOIN_REQUEST_ACTIONS[u.action];
  if (!action || !u.participant) return null;
  const participant = personOf(u.participant, { phoneNumber: u.participantPn });
  const by = u.author ? personOf(u.author, { phoneNumber: u.authorPn }) : null;
  return {
    kind: 'groups.join_requests',
    group: jidNormalizedUser(u.id),
    action,
    participants: [participant],
    // The asker acts on their own request: no one else is `by`.
    by: by && !samePerson(by, participant) ? by : null,
    method: u.method ?? null,
  };
}

/** Baileys' LID ↔ phone number store (`sock.signalRepository.lidMapping`). */
export interface LidMappings {
  getPNForLID(lid: string): Promise<string | null | undefined>;
  getLIDForPN(pn: string): Promise<string | null | undefined>;
}

/** Contacts in one change looked up one by one; a larger batch (a history sync) goes as it is. */
const LOOKUP_MAX = 100;

/**
 * Fills in the phone number or LID WhatsApp left out of the people of a change (a join request names
 * the admin by LID only; a push name arrives under whichever JID the chat uses), from the mappings.
 */
export async function withBothIds(
  mapping: LidMappings,
  change: DirectoryChange | null,
): Promise<DirectoryChange | null> {
  const complete = async <P extends DirectoryPerson>(p: P): Promise<P> => {
    try {
      if (!p.phone && p.lid) {
        const pn = await mapping.getPNForLID(p.lid);
        if (pn && isPnUser(pn)) return { ...p, ...personOf(p.lid, { phoneNumber: pn }) };
      } else if (p.phone && !p.lid) {
        const lid = await mapping.getLIDForPN(`${p.phone}@s.whatsapp.net`);
        if (lid && isLidUser(lid)) return { ...p, lid: jidNormalizedUser(lid) };
      }
    } catch {
      // No mapping: the person stays as WhatsApp named them.
    }
    return p;
  };
  if (change?.kind === 'groups.join_requests')
    return {
      ...change,
      participants: await Promise.all(change.participants.map(complete)),
      by: change.by ? await complete(change.by) : null,
    };
  if (
    (change?.kind === 'contacts.upsert' || change?.kind === 'contacts.update') &&
    change.contacts.length <= LOOKUP_MAX
  )
    return { ...change, contacts: await Promise.all(change.contacts.map(complete)) };
  return change;
}

function samePerson(a: DirectoryPerson, b: DirectoryPerson): boolean {
  return a.jid === b.jid || (a.lid !== null && a.lid === b.lid) || (a.phone !== null && a.phone === b.phone);
}

/** Our own answers to join requests (WhatsApp tells only the other devices): the people answered. */
export function joinRequestsAnswered(
  group: string,
  approve: boolean,
  results: Array<{ jid: string; status: number }>,
  me: DirectoryPerson | null,
): DirectoryChange | null {
  const answered = results.filter((r) => r.status === 200 && r.jid).map((r) => personOf(r.jid));
  if (answered.length === 0) return null;
  return {
    kind: 'groups.join_requests',
    group,
    action: approve ? 'approved' : 'rejected',
    participants: answered,
    by: me,
    method: null,
  };
}

export function contactsChange(
  kind: 'contacts.upsert' | 'contacts.update',
  contacts: BaileysEventMap['contacts.upsert'] | BaileysEventMap['contacts.update'],
): DirectoryChange | null {
  const list: ContactInfo[] = [];
  for (const c of contacts as Array<Partial<Contact>>) {
    if (!c.id || c.id.endsWith('@g.us')) continue;
    list.push({
      ...personOf(c.id, { phoneNumber: c.phoneNumber, lid: c.lid }),
      name: c.name ?? null,
      pushName: c.notify ?? null,
    });
  }
  return list.length > 0 ? { kind, contacts: list } : null;
}

export function labelEdit(l: BaileysEventMap['labels.edit']): DirectoryChange | null {
  if (!l.id) return null;
  return {
    kind: 'labels.edit',
    label: { id: String(l.id), name: l.name ?? '', color: Number(l.color ?? 0), deleted: Boolean(l.deleted) },
  };
}

export function labelAssociation(u: BaileysEventMap['labels.association']): DirectoryChange | null {
  const a = u.association as { type?: string; chatId?: string; labelId?: string; messageId?: string };
  // Labels on single messages are not kept; chats only.
  if (!a.chatId || !a.labelId || a.messageId) return null;
  return {
    kind: 'labels.association',
    labelId: String(a.labelId),
    chat: jidNormalizedUser(a.chatId),
    on: u.type === 'add',
  };
}
