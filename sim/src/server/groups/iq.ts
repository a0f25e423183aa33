import { child, children, firstChild, node as mk, textOf, type BinaryNode } from '../../binary/index.js';
import type { GroupRecord } from '../../state/types.js';
import type { Simulator } from '../simulator.js';
import { GroupError, type MemberAction, type ParticipantResult } from './model.js';
import { notifyGroup, type Actor } from './notify.js';
import { groupJid, groupNode, lidOf, participantNode } from './render.js';

export type GroupAnswer = BinaryNode[] | { error: { code: string; text: string } };

const MEMBER_ACTIONS = new Set(['add', 'remove', 'promote', 'demote']);
const SETTINGS: Record<string, Partial<Pick<GroupRecord, 'announce' | 'restrict'>>> = {
  announcement: { announce: true },
  not_announcement: { announce: false },
  locked: { restrict: true },
  unlocked: { restrict: false },
};

/**
 * `xmlns=w:g2` from a device or a phone (design §8.1, Baileys Socket/groups.js): every group query
 * and change, answered as Baileys reads it; changes are announced to the members (notify.ts).
 */
export function groupIq(sim: Simulator, actor: Actor, iq: BinaryNode): GroupAnswer {
  try {
    return answer(sim, actor, iq);
  } catch (err) {
    if (err instanceof GroupError) return { error: { code: err.code, text: err.text } };
    throw err;
  }
}

function answer(sim: Simulator, actor: Actor, iq: BinaryNode): GroupAnswer {
  const op = firstChild(iq);
  const to = iq.attrs.to ?? '';
  const model = sim.groups;
  const accountOf = (pn: string) => sim.store.byPn(pn);
  const render = (g: GroupRecord): BinaryNode => groupNode(accountOf, g);
  const now = Date.now();
  if (!op) return { error: { code: '400', text: 'bad-request' } };
  const onGroup = to !== '@g.us';
  switch (op.tag) {
    case 'create': {
      const jids = children(op, 'participant').map((p) => p.attrs.jid ?? '');
      const { group } = model.create(actor.pn, op.attrs.subject ?? '', jids, now);
      notifyGroup(sim, group, actor, mk('create', {}, [render(group)]));
      return [render(group)];
    }
    case 'query':
      return [render(model.forMember(to, actor.pn))];
    case 'participating':
      return [mk('groups', {}, model.of(actor.pn).map(render))];
    case 'subject': {
      const g = model.setSubject(to, actor.pn, textOf(op) ?? '', now);
      notifyGroup(
        sim,
        g,
        actor,
        mk('subject', { subject: g.subject, s_o: lidOf(accountOf, actor.pn), s_t: String(Math.floor(now / 1000)) }),
      );
      return [];
    }
    case 'description': {
      const text = op.attrs.delete === 'true' ? undefined : textOf(child(op, 'body'));
      const g = model.setDescription(to, actor.pn, text, op.attrs.id ?? sim.nextId(), op.attrs.prev, now);
      notifyGroup(
        sim,
        g,
        actor,
        text
          ? mk('description', { id: g.description!.id }, [mk('body', {}, Buffer.from(text, 'utf8'))])
          : mk('description', { delete: 'true' }),
      );
      return [];
    }
    case 'announcement':
    case 'not_announcement':
    case 'locked':
    case 'unlocked':
      notifyGroup(sim, model.setting(to, actor.pn, SETTINGS[op.tag]!), actor, mk(op.tag));
      return [];
    case 'member_add_mode': {
      const mode = textOf(op) === 'all_member_add' ? 'all_member_add' : 'admin_add';
      notifyGroup(sim, model.setting(to, actor.pn, { memberAddMode: mode }), actor, mk('member_add_mode', {}, mode));
      return [];
    }
    case 'membership_approval_mode': {
      const state = child(op, 'group_join')?.attrs.state === 'on' ? 'on' : 'off';
      const g = model.setting(to, actor.pn, { joinApproval: state === 'on' });
      notifyGroup(sim, g, actor, mk('membership_approval_mode', {}, [mk('group_join', { state })]));
      return [];
    }
    case 'ephemeral':
    case 'not_ephemeral': {
      const expiration = op.tag === 'ephemeral' ? Number(op.attrs.expiration ?? 0) : 0;
      notifyGroup(
        sim,
        model.setting(to, actor.pn, { ephemeral: expiration }),
        actor,
        op.tag === 'ephemeral' ? mk('ephemeral', { expiration: String(expiration) }) : mk('not_ephemeral'),
      );
      return [];
    }
    case 'membership_approval_requests':
      return [
        mk(
          'membership_approval_requests',
          {},
          model.requests(to, actor.pn).map((r) =>
            mk('membership_approval_request', {
              jid: `${r.pn}@s.whatsapp.net`,
              request_method: 'invite_link',
              request_time: String(Math.floor(r.at / 1000)),
            }),
          ),
        ),
      ];
    case 'membership_requests_action':
      return answerRequests(sim, actor, to, op);
    case 'invite':
      return invite(sim, actor, iq, op, onGroup);
    case 'leave': {
      const ids = children(op, 'group').map((g) => g.attrs.id ?? '');
      for (const id of ids) {
        const before = model.forMember(id, actor.pn).members.map((m) => m.pn);
        const g = model.leave(id, actor.pn);
        notifyGroup(sim, g, actor, mk('remove', {}, [participantNode(accountOf, actor.pn)]), before);
      }
      return [
        mk(
          'leave',
          {},
          ids.map((id) => mk('group', { id })),
        ),
      ];
    }
    default:
      if (MEMBER_ACTIONS.has(op.tag)) return members(sim, actor, to, op);
      return { error: { code: '501', text: 'feature-not-implemented' } };
  }
}

function members(sim: Simulator, actor: Actor, to: string, op: BinaryNode): GroupAnswer {
  const action = op.tag as MemberAction;
  const before = sim.groups.forMember(to, actor.pn).members.map((m) => m.pn);
  const { group, results } = sim.groups.members(
    to,
    actor.pn,
    action,
    children(op, 'participant').map((p) => p.attrs.jid ?? ''),
  );
  const accountOf = (pn: string) => sim.store.byPn(pn);
  const done = results.filter((r): r is ParticipantResult & { pn: string } => !r.error && !!r.pn);
  if (done.length) {
    notifyGroup(
      sim,
      group,
      actor,
      mk(
        action,
        {},
        done.map((r) => participantNode(accountOf, r.pn)),
      ),
      [...before, ...group.members.map((m) => m.pn)],
    );
  }
  return [
    mk(
      action,
      {},
      results.map((r) => mk('participant', { jid: r.jid, ...(r.error ? { error: r.error } : {}) })),
    ),
  ];
}

/** `<membership_requests_action><approve|reject><participant jid/>…`: one result per person. */
function answerRequests(sim: Simulator, actor: Actor, to: string, op: BinaryNode): GroupAnswer {
  const action = firstChild(op);
  if (!action || (action.tag !== 'approve' && action.tag !== 'reject'))
    return { error: { code: '400', text: 'bad-request' } };
  const before = sim.groups.forMember(to, actor.pn).members.map((m) => m.pn);
  const { group, results } = sim.groups.answerRequests(
    to,
    actor.pn,
    action.tag === 'approve',
    children(action, 'participant').map((p) => p.attrs.jid ?? ''),
  );
  const added = results.filter((r): r is ParticipantResult & { pn: string } => !r.error && !!r.pn);
  if (action.tag === 'reject' && added.length) {
    // The admins learn of a refusal (Baileys: group.join-request `rejected`, the actor not being the asker).
    const accountOf = (pn: string) => sim.store.byPn(pn);
    notifyGroup(
      sim,
      group,
      actor,
      mk(
        'revoked_membership_requests',
        {},
        added.map((r) => participantNode(accountOf, r.pn)),
      ),
      adminsOf(group),
    );
  }
  if (action.tag === 'approve' && added.length) {
    const accountOf = (pn: string) => sim.store.byPn(pn);
    notifyGroup(
      sim,
      group,
      actor,
      mk(
        'add',
        { reason: 'approval' },
        added.map((r) => participantNode(accountOf, r.pn)),
      ),
      [...before, ...added.map((r) => r.pn)],
    );
  }
  return [
    mk('membership_requests_action', {}, [
      mk(
        action.tag,
        {},
        results.map((r) => mk('participant', { jid: r.jid, ...(r.error ? { error: r.error } : {}) })),
      ),
    ]),
  ];
}

/** On a group: get (or, `set`, revoke) its code. On `@g.us` with a code: the group's info, or join. */
function invite(sim: Simulator, actor: Actor, iq: BinaryNode, op: BinaryNode, onGroup: boolean): GroupAnswer {
  const accountOf = (pn: string) => sim.store.byPn(pn);
  const set = iq.attrs.type === 'set';
  if (onGroup) {
    const g = sim.groups.invite(iq.attrs.to ?? '', actor.pn, set);
    if (set) notifyGroup(sim, g, actor, mk('invite', { code: g.inviteCode }));
    return [mk('invite', { code: g.inviteCode })];
  }
  const code = op.attrs.code ?? '';
  if (!set) return [groupNode(accountOf, sim.groups.byInvite(code))];
  const wanted = sim.groups.byInvite(code);
  if (wanted.joinApproval && !wanted.members.some((m) => m.pn === actor.pn)) {
    // WhatsApp answers a request, not a membership (whatsmeow reads the same node).
    const g = sim.groups.requestJoin(code, actor.pn, Date.now());
    // The admins learn of the request (Baileys: group.join-request `created`).
    notifyGroup(
      sim,
      g,
      actor,
      mk('created_membership_requests', { request_method: 'invite_link' }, [
        participantNode((pn: string) => sim.store.byPn(pn), actor.pn),
      ]),
      adminsOf(g),
    );
    return [mk('membership_approval_request', { jid: groupJid(g) })];
  }
  const g = sim.groups.join(code, actor.pn);
  notifyGroup(sim, g, actor, mk('add', { reason: 'invite' }, [participantNode(accountOf, actor.pn)]));
  return [mk('group', { jid: groupJid(g) })];
}

/** The phones of a group's admins: join requests concern only them. */
function adminsOf(g: GroupRecord): string[] {
  return g.members.filter((m) => m.role === 'admin' || m.role === 'superadmin').map((m) => m.pn);
}
