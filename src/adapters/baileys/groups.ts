// Group commands on a Baileys socket, and Baileys' GroupMetadata → the core's GroupInfo. WhatsApp's
// refusals (an IQ error: 403 not an admin, 404 no such group or invite, 406/409 …) become AppErrors
// the surfaces can answer with; a lost connection stays a connection loss (connection-errors.ts).
import { isLidUser, isPnUser, jidNormalizedUser, type GroupMetadata, type WASocket } from 'baileys';
import { AppError, ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../core/errors.js';
import type {
  GroupCommand,
  GroupCommandResult,
  GroupInfo,
  GroupParticipant,
  GroupRole,
} from '../../core/ports/group-engine.js';
import { isConnectionLoss } from './connection-errors.js';

export async function runGroupCommand<C extends GroupCommand>(sock: WASocket, c: C): Promise<GroupCommandResult<C>> {
  try {
    return (await run(sock, c)) as GroupCommandResult<C>;
  } catch (err) {
    throw isConnectionLoss(err) || err instanceof AppError ? err : refusal(err, c);
  }
}

async function run(sock: WASocket, c: GroupCommand): Promise<GroupCommandResult<GroupCommand>> {
  switch (c.action) {
    case 'create':
      return toGroupInfo(await sock.groupCreate(c.subject, c.participants));
    case 'list':
      return Object.values(await sock.groupFetchAllParticipating()).map(toGroupInfo);
    case 'get':
      return toGroupInfo(await sock.groupMetadata(c.group));
    case 'participants':
      return (await sock.groupParticipantsUpdate(c.group, c.participants, c.change)).map((r) => ({
        jid: r.jid ? jidNormalizedUser(r.jid) : '',
        status: Number(r.status) || 500,
      }));
    case 'subject':
      await sock.groupUpdateSubject(c.group, c.subject);
      return null;
    case 'description':
      await sock.groupUpdateDescription(c.group, c.description ?? undefined);
      return null;
    case 'announce':
      await sock.groupSettingUpdate(c.group, c.on ? 'announcement' : 'not_announcement');
      return null;
    case 'restrict':
      await sock.groupSettingUpdate(c.group, c.on ? 'locked' : 'unlocked');
      return null;
    case 'joinApproval':
      await sock.groupJoinApprovalMode(c.group, c.on ? 'on' : 'off');
      return null;
    case 'memberAddMode':
      await sock.groupMemberAddMode(c.group, c.mode);
      return null;
    case 'inviteCode':
      return { code: required(await sock.groupInviteCode(c.group), 'invite code') };
    case 'revokeInvite':
      return { code: required(await sock.groupRevokeInvite(c.group), 'invite code') };
    case 'inviteInfo':
      return toGroupInfo(await sock.groupGetInviteInfo(c.code));
    case 'acceptInvite':
      return { group: jidNormalizedUser(required(await sock.groupAcceptInvite(c.code), 'group id')) };
    case 'leave':
      await sock.groupLeave(c.group);
      return null;
  }
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`WhatsApp answered without a ${what}`);
  return value;
}

export function toGroupInfo(m: GroupMetadata): GroupInfo {
  return {
    id: m.id,
    subject: m.subject ?? '',
    description: m.desc ?? null,
    owner: m.owner ?? m.ownerPn ?? null,
    createdAt: m.creation ? new Date(m.creation * 1000).toISOString() : null,
    announce: Boolean(m.announce),
    restrict: Boolean(m.restrict),
    joinApproval: Boolean(m.joinApprovalMode),
    memberAddMode: m.memberAddMode ? 'all_member_add' : 'admin_add',
    size: m.size ?? m.participants.length,
    participants: m.participants.map(toParticipant),
  };
}

function toParticipant(p: GroupMetadata['participants'][number]): GroupParticipant {
  const jid = jidNormalizedUser(p.id);
  const pn = isPnUser(jid) ? jid : p.phoneNumber && isPnUser(p.phoneNumber) ? jidNormalizedUser(p.phoneNumber) : null;
  const lid = isLidUser(jid) ? jid : p.lid && isLidUser(p.lid) ? jidNormalizedUser(p.lid) : null;
  const role: GroupRole = p.admin === 'superadmin' ? 'superadmin' : p.admin === 'admin' ? 'admin' : 'member';
  return { jid, phone: pn ? (pn.split('@')[0] ?? null) : null, lid, role };
}

/** An IQ error from WhatsApp (Baileys' Boom with the IQ's code) → what the API answers. */
function refusal(err: unknown, c: GroupCommand): Error {
  // Baileys throws an IQ error as a Boom whose `data` is WhatsApp's code (its own statusCode is 500).
  const e = err as { data?: unknown; output?: { statusCode?: number } } | null;
  const status = typeof e?.data === 'number' && e.data > 0 ? e.data : e?.output?.statusCode;
  const text = err instanceof Error ? err.message : String(err);
  const where = 'group' in c ? ` (${c.group})` : 'code' in c ? ' (invite code)' : '';
  const context = { whatsapp_status: status ?? null, whatsapp_message: text };
  switch (status) {
    case 400:
      return new InvalidError(`WhatsApp refused the request${where}: ${text}`, {
        code: 'GROUP_REQUEST_INVALID',
        context,
      });
    case 401:
    case 403:
      return new ForbiddenError('NOT_GROUP_ADMIN', `Not allowed in this group${where}: only admins may do that`, {
        context,
      });
    case 404:
    case 406:
      return new NotFoundError(
        'code' in c ? 'INVITE_NOT_FOUND' : 'GROUP_NOT_FOUND',
        `${'code' in c ? 'Invite' : 'Group'} not found${where}, or this number is not in it`,
        { context },
      );
    case 409:
      return new ConflictError('GROUP_CONFLICT', `WhatsApp refused the change${where}: ${text}`, { context });
    default:
      return err instanceof Error ? err : new Error(text);
  }
}
