// Groups of a linked number: create, list, read, change participants and settings, invites, leave.
// Each call checks the caller's scope on the session (another account's session is a 404), needs a
// connected session (409 SESSION_NOT_CONNECTED), and runs on the session's engine through the
// SessionRouter (so it works from any node). Inputs are validated here, naming the field; WhatsApp's
// refusals come back as AppErrors from the engine (403 NOT_GROUP_ADMIN, 404 GROUP_NOT_FOUND…).
import { InvalidError } from '../errors.js';
import { chatIdKind, normalizeChatId, type ChatId } from '../chats/chat-id.js';
import type {
  GroupCommand,
  GroupCommandResult,
  GroupInfo,
  ParticipantChange,
  ParticipantResult,
} from '../ports/group-engine.js';
import { targetOf, type SessionRouter } from '../ports/session-router.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Scope } from '../tokens/scope.js';
import { assertConnected } from '../messages/message.service.js';

export interface GroupServiceDeps {
  sessions: SessionService;
  router: SessionRouter;
}

/** WhatsApp's limits on a group's texts. */
export const SUBJECT_MAX = 100;
export const DESCRIPTION_MAX = 2048;
/** Participants in one change (WhatsApp's own cap per request is of this order). */
export const PARTICIPANTS_MAX = 256;

export interface GroupSettingsChange {
  subject?: string;
  /** null (or "") removes it. */
  description?: string | null;
  announce?: boolean;
  restrict?: boolean;
  joinApproval?: boolean;
  memberAddMode?: GroupInfo['memberAddMode'];
}

export class GroupService {
  constructor(private readonly deps: GroupServiceDeps) {}

  private async run<C extends GroupCommand>(
    scope: Scope,
    sessionRef: string,
    command: C,
  ): Promise<GroupCommandResult<C>> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    return (await this.deps.router.dispatch(targetOf(session), { op: 'group', command })) as GroupCommandResult<C>;
  }

  create(scope: Scope, session: string, subject: string, participants: string[]): Promise<GroupInfo> {
    return this.run(scope, session, {
      action: 'create',
      subject: checkedSubject(subject, 'subject'),
      participants: people(participants, 'participants', 1),
    });
  }

  list(scope: Scope, session: string): Promise<GroupInfo[]> {
    return this.run(scope, session, { action: 'list' });
  }

  /** The groups we share with a person (phone number or JID). */
  async inCommon(scope: Scope, session: string, person: string): Promise<GroupInfo[]> {
    const [id] = people([person], 'contact', 1);
    const groups = await this.run(scope, session, { action: 'list' });
    return groups.filter((g) =>
      g.participants.some((p) => p.jid === id || p.lid === id || `${p.phone}@s.whatsapp.net` === id),
    );
  }

  get(scope: Scope, session: string, group: string): Promise<GroupInfo> {
    return this.run(scope, session, { action: 'get', group: groupId(group) });
  }

  changeParticipants(
    scope: Scope,
    session: string,
    group: string,
    change: ParticipantChange,
    participants: string[],
  ): Promise<ParticipantResult[]> {
    return this.run(scope, session, {
      action: 'participants',
      group: groupId(group),
      change,
      participants: people(participants, 'participants', 1),
    });
  }

  /** Applies each given setting in turn (WhatsApp has one request per setting), then reads the group back. */
  async update(scope: Scope, session: string, group: string, change: GroupSettingsChange): Promise<GroupInfo> {
    const id = groupId(group);
    const commands: GroupCommand[] = [];
    if (change.subject !== undefined)
      commands.push({ action: 'subject', group: id, subject: checkedSubject(change.subject, 'subject') });
    if (change.description !== undefined) {
      const description = change.description || null;
      if (description && description.length > DESCRIPTION_MAX)
        throw new InvalidError(`description: at most ${DESCRIPTION_MAX} characters`, { field: 'description' });
      commands.push({ action: 'description', group: id, description });
    }
    if (change.announce !== undefined) commands.push({ action: 'announce', group: id, on: change.announce });
    if (change.restrict !== undefined) commands.push({ action: 'restrict', group: id, on: change.restrict });
    if (change.joinApproval !== undefined)
      commands.push({ action: 'joinApproval', group: id, on: change.joinApproval });
    if (change.memberAddMode !== undefined)
      commands.push({ action: 'memberAddMode', group: id, mode: change.memberAddMode });
    for (const command of commands) await this.run(scope, session, command);
    return this.run(scope, session, { action: 'get', group: id });
  }

  inviteCode(scope: Scope, session: string, group: string): Promise<{ code: string }> {
    return this.run(scope, session, { action: 'inviteCode', group: groupId(group) });
  }

  revokeInvite(scope: Scope, session: string, group: string): Promise<{ code: string }> {
    return this.run(scope, session, { action: 'revokeInvite', group: groupId(group) });
  }

  inviteInfo(scope: Scope, session: string, code: string): Promise<GroupInfo> {
    return this.run(scope, session, { action: 'inviteInfo', code: inviteCode(code) });
  }

  async join(scope: Scope, session: string, code: string): Promise<GroupInfo> {
    const { group } = await this.run(scope, session, { action: 'acceptInvite', code: inviteCode(code) });
    return this.run(scope, session, { action: 'get', group });
  }

  async leave(scope: Scope, session: string, group: string): Promise<void> {
    await this.run(scope, session, { action: 'leave', group: groupId(group) });
  }
}

/** A group JID (`<id>@g.us`), or a 400 naming the field. */
function groupId(input: string, field = 'group_id'): ChatId {
  const id = normalizeChatId(input, field);
  if (chatIdKind(id) !== 'group')
    throw new InvalidError(`${field}: "${input.slice(0, 100)}" is not a group id (…@g.us)`, {
      field,
      code: 'INVALID_GROUP_ID',
    });
  return id;
}

/** Phone numbers or person JIDs (phone or LID), deduplicated; at least `min`. */
function people(inputs: string[], field: string, min: number): ChatId[] {
  if (inputs.length < min) throw new InvalidError(`${field}: name at least ${min}`, { field });
  if (inputs.length > PARTICIPANTS_MAX)
    throw new InvalidError(`${field}: at most ${PARTICIPANTS_MAX} at once`, { field });
  const ids = inputs.map((input, i) => {
    const id = normalizeChatId(input, `${field}.${i}`);
    const kind = chatIdKind(id);
    if (kind !== 'user' && kind !== 'lid')
      throw new InvalidError(`${field}.${i}: must be a person (phone number or JID), not a ${kind}`, {
        field: `${field}.${i}`,
        code: 'INVALID_RECIPIENT',
      });
    return id;
  });
  return [...new Set(ids)];
}

function checkedSubject(subject: string, field: string): string {
  const value = subject.trim();
  if (!value) throw new InvalidError(`${field}: must not be empty`, { field });
  if (value.length > SUBJECT_MAX) throw new InvalidError(`${field}: at most ${SUBJECT_MAX} characters`, { field });
  return value;
}

function inviteCode(input: string): string {
  // An invite link or its code: https://chat.whatsapp.com/<code>
  const code = input.trim().replace(/^https?:\/\/chat\.whatsapp\.com\//, '');
  if (!/^[\w-]{6,64}$/.test(code))
    throw new InvalidError('code: must be an invite code or a chat.whatsapp.com link', { field: 'code' });
  return code;
}
