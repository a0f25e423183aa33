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

/** Someone waiting for an admin's approval to join (the group has join approval on). */
export interface JoinRequest {
  jid: ChatId;
  /** E.164 digits when known. */
  phone: string | null;
  lid: ChatId | null;
  /** ISO 8601, when WhatsApp gives it. */
  requestedAt: string | null;
  /** How they asked (e.g. `invite_link`), as WhatsApp names it. */
  method: string | null;
}

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
  /** A JPEG or PNG (base64) as the group's picture; null removes it. */
  | { action: 'picture'; group: ChatId; imageBase64: string | null }
  | { action: 'inviteCode'; group: ChatId }
  | { action: 'revokeInvite'; group: ChatId }
  | { action: 'inviteInfo'; code: string }
  | { action: 'acceptInvite'; code: string }
  | { action: 'leave'; group: ChatId }
  | { action: 'joinRequests'; group: ChatId }
  | { action: 'answerJoinRequests'; group: ChatId; approve: boolean; participants: ChatId[] };

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
  picture: null;
  inviteCode: { code: string };
  revokeInvite: { code: string };
  inviteInfo: GroupInfo;
  /** The group joined (its JID); `pending` when it has join approval on and an admin must approve. */
  acceptInvite: { group: ChatId; pending: boolean };
  leave: null;
  joinRequests: JoinRequest[];
  answerJoinRequests: ParticipantResult[];
}

export type GroupCommandResult<C extends GroupCommand> = GroupResults[C['action']];
