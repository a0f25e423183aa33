import { node as mk, type BinaryNode } from '../binary/index.js';
import { groupIq, type GroupAnswer } from '../server/groups/iq.js';
import type { Simulator } from '../server/simulator.js';
import type { GroupRecord } from '../state/types.js';
import { ControlError } from './errors.js';

export interface GroupView {
  id: string;
  subject: string;
  description?: string;
  creator: string;
  created_at: string;
  announce: boolean;
  restrict: boolean;
  join_approval: boolean;
  member_add_mode: 'admin_add' | 'all_member_add';
  ephemeral?: number;
  invite_code: string;
  participants: { phone: string; lid: string; role?: 'admin' | 'superadmin' }[];
  /** Phones waiting for an admin's approval (join approval on). */
  requests: string[];
}

const ERRORS: Record<string, [number, string]> = {
  '400': [400, 'INVALID_BODY'],
  '403': [403, 'FORBIDDEN'],
  '404': [404, 'GROUP_NOT_FOUND'],
  '406': [404, 'INVITE_NOT_FOUND'],
  '304': [409, 'ALREADY_MEMBER'],
  '409': [409, 'CONFLICT'],
};

const asJid = (id: string): string => (id.includes('@') ? id : `${id.replace(/^\+/, '')}@s.whatsapp.net`);
const groupId = (id: string): string => (id.endsWith('@g.us') ? id : `${id}@g.us`);

/**
 * Group actions of a simulated phone (control API): each one is the same `w:g2` query a device
 * sends, run as the account's device 0, so members are notified exactly as for Baileys' own calls.
 */
export class GroupControl {
  constructor(private readonly sim: Simulator) {}

  view(g: GroupRecord): GroupView {
    return {
      id: groupId(g.id),
      subject: g.subject,
      ...(g.description ? { description: g.description.text } : {}),
      creator: g.creator,
      created_at: new Date(g.createdAt).toISOString(),
      announce: g.announce,
      restrict: g.restrict,
      join_approval: g.joinApproval,
      member_add_mode: g.memberAddMode,
      ...(g.ephemeral ? { ephemeral: g.ephemeral } : {}),
      invite_code: g.inviteCode,
      participants: g.members.map((m) => ({
        phone: m.pn,
        lid: this.sim.store.byPn(m.pn)?.lid ?? '',
        ...(m.role ? { role: m.role } : {}),
      })),
      requests: (g.requests ?? []).map((r) => r.pn),
    };
  }

  get(id: string): GroupView {
    const g = this.sim.store.groups.get(id.replace(/@g\.us$/, ''));
    if (!g) throw new ControlError(404, 'GROUP_NOT_FOUND', `no group ${id}`);
    return this.view(g);
  }

  of(pn: string): GroupView[] {
    return this.sim.groups.of(pn).map((g) => this.view(g));
  }

  create(pn: string, subject: string, participants: string[]): GroupView {
    const [group] = this.ask(
      pn,
      '@g.us',
      'set',
      mk(
        'create',
        { subject, key: this.sim.nextId() },
        participants.map((p) => mk('participant', { jid: asJid(p) })),
      ),
    );
    return this.get(group!.attrs.id!);
  }

  participants(
    pn: string,
    id: string,
    action: string,
    participants: string[],
  ): { participant: string; status: string }[] {
    if (!['add', 'remove', 'promote', 'demote'].includes(action))
      throw new ControlError(400, 'INVALID_BODY', '"action" must be add, remove, promote or demote');
    const [result] = this.ask(
      pn,
      groupId(id),
      'set',
      mk(
        action,
        {},
        participants.map((p) => mk('participant', { jid: asJid(p) })),
      ),
    );
    return ((result?.content as BinaryNode[] | undefined) ?? []).map((p, i) => ({
      participant: participants[i]!,
      status: p.attrs.error ?? '200',
    }));
  }

  /** Subject, description (`""` removes it) and the announce/restrict switches, in that order. */
  update(
    pn: string,
    id: string,
    body: { subject?: string; description?: string; announce?: boolean; restrict?: boolean },
  ): GroupView {
    const jid = groupId(id);
    if (body.subject !== undefined) this.ask(pn, jid, 'set', mk('subject', {}, Buffer.from(body.subject, 'utf8')));
    if (body.description !== undefined) {
      const attrs = body.description ? { id: this.sim.nextId() } : { delete: 'true' };
      this.ask(
        pn,
        jid,
        'set',
        mk(
          'description',
          attrs,
          body.description ? [mk('body', {}, Buffer.from(body.description, 'utf8'))] : undefined,
        ),
      );
    }
    if (body.announce !== undefined) this.ask(pn, jid, 'set', mk(body.announce ? 'announcement' : 'not_announcement'));
    if (body.restrict !== undefined) this.ask(pn, jid, 'set', mk(body.restrict ? 'locked' : 'unlocked'));
    return this.get(id);
  }

  invite(pn: string, id: string, revoke: boolean): { code: string } {
    const [invite] = this.ask(pn, groupId(id), revoke ? 'set' : 'get', mk('invite'));
    return { code: invite!.attrs.code! };
  }

  /** Join by invite; with join approval on, this makes a request instead (the view's `requests`). */
  join(pn: string, code: string): GroupView {
    const [group] = this.ask(pn, '@g.us', 'set', mk('invite', { code }));
    return this.get(group!.attrs.jid!);
  }

  /** The phone (an admin) approves or rejects join requests → `[{participant, status}]` (`404`: had not asked). */
  answerRequests(
    pn: string,
    id: string,
    action: string,
    participants: string[],
  ): { participant: string; status: string }[] {
    if (action !== 'approve' && action !== 'reject')
      throw new ControlError(400, 'INVALID_BODY', '"action" must be approve or reject');
    const [result] = this.ask(
      pn,
      groupId(id),
      'set',
      mk('membership_requests_action', {}, [
        mk(
          action,
          {},
          participants.map((p) => mk('participant', { jid: asJid(p) })),
        ),
      ]),
    );
    const answered = (result?.content as BinaryNode[] | undefined)?.[0]?.content as BinaryNode[] | undefined;
    return (answered ?? []).map((p, i) => ({ participant: participants[i]!, status: p.attrs.error ?? '200' }));
  }

  leave(pn: string, id: string): { ok: true } {
    this.ask(pn, '@g.us', 'set', mk('leave', {}, [mk('group', { id: groupId(id) })]));
    return { ok: true };
  }

  private ask(pn: string, to: string, type: string, op: BinaryNode): BinaryNode[] {
    const answer: GroupAnswer = groupIq(
      this.sim,
      { pn, device: 0 },
      mk('iq', { to, type, xmlns: 'w:g2', id: this.sim.nextId() }, [op]),
    );
    if (!('error' in answer)) return answer;
    const [status, code] = ERRORS[answer.error.code] ?? [400, 'GROUP_ERROR'];
    throw new ControlError(status, code, `${op.tag}: ${answer.error.text} (${answer.error.code})`);
  }
}
