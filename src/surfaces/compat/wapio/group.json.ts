// wagate's groups → the shapes Wapio's clients get. Wapio documents no group bodies; these are
// WasenderApi's (API-CATALOG §4.5) unwrapped, as §3.4–§3.5 propose, plus `group_jid` (the SDK
// reads it from a create).
import type { GroupInfo, GroupParticipant, ParticipantResult } from '../../../core/ports/group-engine.js';

const creation = (g: GroupInfo) => (g.createdAt ? Math.floor(Date.parse(g.createdAt) / 1000) : null);
const admin = (p: GroupParticipant) => (p.role === 'member' ? null : p.role);

export function toWapioParticipants(g: GroupInfo) {
  return g.participants.map((p) => ({ id: p.jid, phone: p.phone ? `+${p.phone}` : null, lid: p.lid, admin: admin(p) }));
}

/** One group in a list (WasenderApi C34). */
export function toWapioGroupItem(g: GroupInfo) {
  return { jid: g.id, name: g.subject, imgUrl: null, size: g.size };
}

/** A group in full (WasenderApi C33/C43, with its settings). */
export function toWapioGroup(g: GroupInfo) {
  return {
    id: g.id,
    group_jid: g.id,
    subject: g.subject,
    desc: g.description,
    owner: g.owner,
    creation: creation(g),
    size: g.size,
    announce: g.announce,
    restrict: g.restrict,
    joinApproval: g.joinApproval,
    memberAdd: g.memberAddMode === 'all_member_add',
    participants: toWapioParticipants(g),
  };
}

/** WasenderApi C35's metadata shape. */
export function toWapioGroupMetadata(g: GroupInfo) {
  return {
    jid: g.id,
    subject: g.subject,
    creation: creation(g),
    owner: g.owner,
    desc: g.description,
    participants: g.participants.map((p) => ({
      jid: p.jid,
      isAdmin: p.role !== 'member',
      isSuperAdmin: p.role === 'superadmin',
    })),
  };
}

const DONE: Record<string, string> = { add: 'added', remove: 'removed', promote: 'promoted', demote: 'demoted' };
const WHY: Record<number, string> = {
  403: 'not-authorized',
  404: 'not-found',
  408: 'recently-left',
  409: 'conflict',
};

/** One result per participant (WasenderApi C38). */
export function toWapioParticipantResults(change: string, results: ParticipantResult[]) {
  return results.map((r) => ({
    status: r.status,
    jid: r.jid,
    message: r.status === 200 ? (DONE[change] ?? 'ok') : (WHY[r.status] ?? 'failed'),
  }));
}
