// Groups on the engine, as plain JSON commands and results (they travel through the SessionRouter
// like every other command, so a cluster node can run them for another). Ids are JIDs: groups
// `<id>@g.us`, people `<digits>@s.whatsapp.net` or `<id>@lid`.
import type { ChatId } from '../chats/chat-id.js';

export type GroupRole = 'member' | 'admin' | 'superadmin';

export interface GroupParticipant {
  /** The JID WhatsApp names the participant by (a LID in LID-addressed groups). */
  jid: ChatId;
  /** E.164 digits when known. */
  phone: string | null;
  lid: ChatId | null;
  role: GroupRole;
}

export interface GroupInfo {
  id: ChatId;
  subject: string;
  description: string | null;
  /** The creator's JID when WhatsApp gives it. */
  owner: ChatId | null;
  /** ISO 8601. */
  createdAt: string | null;
  /** Only admins send messages. */
  announce: boolean;
  /** Only admins edit the group's settings. */
  restrict: boolean;
  /** New members wait for an admin's approval. */
  joinApproval: boolean;
  /** Who may add members. */
  memberAddMode: 'admin_add' | 'all_member_add';
  size: number;
  participants: GroupParticipant[];
}

/** WhatsApp's answer for one participant of a change: 200, or its error (403, 404, 408, 409…). */
export interface ParticipantResult {
  jid: ChatId;
  status: number;
}

export type ParticipantChange = 'add' | 'remove' | 'promote' | 'demote';

export type GroupCommand =
  | { action: 'create'; subject: string; participants: ChatId[] }
  | { action: 'list' }
  | { action: 'get'; group: ChatId }
  | { action: 'participants'; group: ChatId; change: ParticipantChange; participants: ChatId[] }
  | { action: 'subject'; group: ChatId; subject: string }
  /** null removes the description. */
  | { action: 'description'; group: ChatId; description: string | null }
  | { action: 'announce'; group: ChatId; on: boolean }
  | { action: 'restrict'; group: ChatId; on: boolean }
  | { action: 'joinApproval'; group: ChatId; on: boolean }
  | { action: 'memberAddMode'; group: ChatId; mode: GroupInfo['memberAddMode'] }
  | { action: 'inviteCode'; group: ChatId }
  | { action: 'revokeInvite'; group: ChatId }
  | { action: 'inviteInfo'; code: string }
  | { action: 'acceptInvite'; code: string }
  | { action: 'leave'; group: ChatId };

interface GroupResults {
  create: GroupInfo;
  list: GroupInfo[];
  get: GroupInfo;
  participants: ParticipantResult[];
  subject: null;
  description: null;
  announce: null;
  restrict: null;
  joinApproval: null;
  memberAddMode: null;
  inviteCode: { code: string };
  revokeInvite: { code: string };
  inviteInfo: GroupInfo;
  /** The group joined (its JID). */
  acceptInvite: { group: ChatId };
  leave: null;
}

export type GroupCommandResult<C extends GroupCommand> = GroupResults[C['action']];
