import { randomBytes, randomInt } from 'node:crypto';
import type { GroupMember, GroupRecord } from '../../state/types.js';
import type { StateStore } from '../../state/store.js';

/** A refused group operation: answered as `<error code text/>` (Baileys throws it as a Boom). */
export class GroupError extends Error {
  override name = 'GroupError';
  constructor(
    readonly code: string,
    readonly text: string,
  ) {
    super(`${code} ${text}`);
  }
}

export const notFound = (): GroupError => new GroupError('404', 'item-not-found');
export const forbidden = (): GroupError => new GroupError('403', 'forbidden');

/** One participant's outcome of add/remove/promote/demote: `error` as WhatsApp reports it per person. */
export interface ParticipantResult {
  /** The jid as the caller named it. */
  jid: string;
  pn?: string;
  error?: string;
}

export type MemberAction = 'add' | 'remove' | 'promote' | 'demote';

const inviteCode = (): string => randomBytes(16).toString('base64url').slice(0, 22);

/**
 * The rules of groups, on the stored records (no stanzas here): who may do what, and what changes.
 * `resolve` maps any name of a person (PN/LID jid, number) to an account's PN, or undefined.
 */
export class GroupModel {
  constructor(
    private readonly store: StateStore,
    private readonly resolve: (id: string) => string | undefined,
  ) {}

  get(id: string): GroupRecord {
    const g = this.store.groups.get(id.replace(/@g\.us$/, ''));
    if (!g) throw notFound();
    return g;
  }

  /** The group, for a member only (a non-member learns nothing about it). */
  forMember(id: string, pn: string): GroupRecord {
    const g = this.get(id);
    if (!member(g, pn)) throw notFound();
    return g;
  }

  /** Groups `pn` is in. */
  of(pn: string): GroupRecord[] {
    return [...this.store.groups.values()].filter((g) => member(g, pn));
  }

  byInvite(code: string): GroupRecord {
    const g = [...this.store.groups.values()].find((x) => x.inviteCode === code);
    if (!g) throw new GroupError('406', 'not-acceptable');
    return g;
  }

  create(
    creator: string,
    subject: string,
    participants: string[],
    now: number,
  ): { group: GroupRecord; results: ParticipantResult[] } {
    if (!subject.trim()) throw new GroupError('400', 'bad-request');
    let id: string;
    do id = `120363${String(randomInt(1e9, 1e10 - 1))}${String(randomInt(100, 999))}`;
    while (this.store.groups.has(id));
    const group: GroupRecord = {
      id,
      subject,
      subjectBy: creator,
      subjectAt: now,
      creator,
      createdAt: now,
      announce: false,
      restrict: false,
      joinApproval: false,
      memberAddMode: 'admin_add',
      inviteCode: inviteCode(),
      members: [{ pn: creator, role: 'superadmin' }],
    };
    const results = participants.map((jid) => this.addOne(group, jid));
    this.store.groups.set(id, group);
    this.store.changed();
    return { group, results };
  }

  /** add/remove/promote/demote by `actor`; admins only (members may add with all_member_add). */
  members(
    id: string,
    actor: string,
    action: MemberAction,
    jids: string[],
  ): { group: GroupRecord; results: ParticipantResult[] } {
    const g = this.forMember(id, actor);
    const mayAdd = action === 'add' && g.memberAddMode === 'all_member_add';
    if (!isAdmin(g, actor) && !mayAdd) throw forbidden();
    const results = jids.map((jid) => {
      if (action === 'add') return this.addOne(g, jid);
      const pn = this.resolve(jid);
      const m = pn ? member(g, pn) : undefined;
      if (!pn || !m) return { jid, ...(pn ? { pn } : {}), error: '404' };
      // Nobody removes or demotes the creator (superadmin).
      if (m.role === 'superadmin' && action !== 'promote' && pn !== actor) return { jid, pn, error: '406' };
      if (action === 'remove') g.members = g.members.filter((x) => x.pn !== pn);
      else if (action === 'promote') m.role = m.role === 'superadmin' ? 'superadmin' : 'admin';
      else delete m.role;
      return { jid, pn };
    });
    this.store.changed();
    return { group: g, results };
  }

  setSubject(id: string, actor: string, subject: string, now: number): GroupRecord {
    const g = this.editable(id, actor);
    if (!subject.trim()) throw new GroupError('400', 'bad-request');
    Object.assign(g, { subject, subjectBy: actor, subjectAt: now });
    this.store.changed();
    return g;
  }

  /** `text` undefined deletes it. `prev` must name the current description, as WhatsApp checks. */
  setDescription(
    id: string,
    actor: string,
    text: string | undefined,
    descId: string,
    prev: string | undefined,
    now: number,
  ): GroupRecord {
    const g = this.editable(id, actor);
    if (g.description && prev !== undefined && prev !== g.description.id) throw new GroupError('409', 'conflict');
    if (text) g.description = { id: descId, text, by: actor, at: now };
    else delete g.description;
    this.store.changed();
    return g;
  }

  /** announcement / not_announcement / locked / unlocked, member add mode, join approval, ephemeral. */
  setting(
    id: string,
    actor: string,
    change: Partial<Pick<GroupRecord, 'announce' | 'restrict' | 'joinApproval' | 'memberAddMode' | 'ephemeral'>>,
  ): GroupRecord {
    const g = this.forMember(id, actor);
    if (!isAdmin(g, actor)) throw forbidden();
    Object.assign(g, change);
    if (change.ephemeral === 0) delete g.ephemeral;
    this.store.changed();
    return g;
  }

  invite(id: string, actor: string, revoke: boolean): GroupRecord {
    const g = this.forMember(id, actor);
    if (!isAdmin(g, actor)) throw forbidden();
    if (revoke) {
      g.inviteCode = inviteCode();
      this.store.changed();
    }
    return g;
  }

  join(code: string, pn: string): GroupRecord {
    const g = this.byInvite(code);
    if (member(g, pn)) throw new GroupError('304', 'already-member');
    g.members.push({ pn });
    this.store.changed();
    return g;
  }

  /** With join approval on, an invite makes a request an admin answers (requestJoin / answerRequests). */
  requestJoin(code: string, pn: string, now: number): GroupRecord {
    const g = this.byInvite(code);
    if (member(g, pn)) throw new GroupError('304', 'already-member');
    g.requests ??= [];
    if (!g.requests.some((r) => r.pn === pn)) g.requests.push({ pn, at: now });
    this.store.changed();
    return g;
  }

  /** The pending join requests, for admins. */
  requests(id: string, actor: string): { pn: string; at: number }[] {
    const g = this.forMember(id, actor);
    if (!isAdmin(g, actor)) throw forbidden();
    return g.requests ?? [];
  }

  /** Approve (they become members) or reject pending requests; a jid with no request is a 404. */
  answerRequests(
    id: string,
    actor: string,
    approve: boolean,
    jids: string[],
  ): { group: GroupRecord; results: ParticipantResult[] } {
    const g = this.forMember(id, actor);
    if (!isAdmin(g, actor)) throw forbidden();
    const results = jids.map((jid): ParticipantResult => {
      const pn = this.resolve(jid);
      if (!pn || !g.requests?.some((r) => r.pn === pn)) return { jid, ...(pn ? { pn } : {}), error: '404' };
      g.requests = g.requests.filter((r) => r.pn !== pn);
      if (approve && !member(g, pn)) g.members.push({ pn });
      return { jid, pn };
    });
    this.store.changed();
    return { group: g, results };
  }

  leave(id: string, pn: string): GroupRecord {
    const g = this.forMember(id, pn);
    g.members = g.members.filter((m) => m.pn !== pn);
    // The last admin leaving hands the group to the oldest member, as WhatsApp does.
    if (g.members.length && !g.members.some((m) => m.role)) g.members[0]!.role = 'admin';
    this.store.changed();
    return g;
  }

  private editable(id: string, actor: string): GroupRecord {
    const g = this.forMember(id, actor);
    if (g.restrict && !isAdmin(g, actor)) throw forbidden();
    return g;
  }

  private addOne(g: GroupRecord, jid: string): ParticipantResult {
    const pn = this.resolve(jid);
    if (!pn) return { jid, error: '404' };
    if (member(g, pn)) return { jid, pn, error: '409' };
    g.members.push({ pn });
    return { jid, pn };
  }
}

export function member(g: GroupRecord, pn: string): GroupMember | undefined {
  return g.members.find((m) => m.pn === pn);
}

export function isAdmin(g: GroupRecord, pn: string): boolean {
  return !!member(g, pn)?.role;
}
