// What the engine reports about groups and contacts as they change on WhatsApp, in domain words
// (EngineEvent `directory`). Every person carries phone and LID when the engine knows them.
import type { ChatId } from '../chats/chat-id.js';
import type { GroupInfo, ParticipantChange } from './group-engine.js';
import type { Label } from './label-store.js';

export type JoinRequestAction = 'requested' | 'cancelled' | 'approved' | 'rejected';

export interface DirectoryPerson {
  jid: ChatId;
  phone: string | null;
  lid: ChatId | null;
}

export interface ContactInfo extends DirectoryPerson {
  /** The name saved in the phone's address book. */
  name: string | null;
  /** The name the person set for themselves (push name). */
  pushName: string | null;
}

export type DirectoryChange =
  /** Groups we joined or whose metadata arrived (whole). */
  | { kind: 'groups.upsert'; groups: GroupInfo[] }
  /** Some settings of groups changed (only the fields given). */
  | { kind: 'groups.update'; groups: Array<Partial<GroupInfo> & { id: ChatId }> }
  | {
      kind: 'groups.participants';
      group: ChatId;
      action: ParticipantChange;
      participants: DirectoryPerson[];
      by: DirectoryPerson | null;
    }
  /** Join requests of a group we administer: asked, withdrawn by the asker, or answered by an admin. */
  | {
      kind: 'groups.join_requests';
      group: ChatId;
      action: JoinRequestAction;
      participants: DirectoryPerson[];
      by: DirectoryPerson | null;
      method: string | null;
    }
  | { kind: 'contacts.upsert' | 'contacts.update'; contacts: ContactInfo[] }
  /** A label was created or changed (on the phone, or our own change echoed). Stored, no event. */
  | { kind: 'labels.edit'; label: Label }
  | { kind: 'labels.association'; labelId: string; chat: ChatId; on: boolean }
  /** A message was starred or unstarred (on the phone, or our own change echoed): stored, and announced when it changed. */
  | { kind: 'message.starred'; chat: ChatId; waId: string; starred: boolean };
