// Chat state from WhatsApp (app state): stored with its `chats.update` event in one transaction. And
// groups and contacts as they change on WhatsApp: announced as groups.* and contacts.* events.
import { newId } from '../../../lib/ids.js';
import type { ChatId } from '../../chats/chat-id.js';
import type { ChatState, ChatStatePatch } from '../../chats/chat.types.js';
import type { NewEvent } from '../../events/event.types.js';
import type { EventSessionRef } from '../../events/producers.js';
import type { ChatHost, RuntimeSessionRef } from '../runtime.types.js';
import type { ContactInfo, DirectoryChange } from '../../ports/directory-events.js';
import type { StoredContact } from '../../ports/contact-store.js';
import { groupChangeJson, groupJson } from '../../groups/group-json.js';
import { eventSession, type RecorderContext } from './recorder-context.js';

/** Contacts per event: a history sync can name thousands at once. */
const CONTACTS_PER_EVENT = 500;

export class ChatRecorder implements ChatHost {
  constructor(private readonly ctx: RecorderContext) {}

  async recordDirectoryChange(ref: RuntimeSessionRef, change: DirectoryChange): Promise<void> {
    const session = eventSession(ref);
    if (change.kind === 'labels.edit' || change.kind === 'labels.association') {
      await this.ctx.tx((tx) =>
        change.kind === 'labels.edit'
          ? tx.labels.upsert(ref.accountId, ref.sessionId, change.label, this.ctx.now())
          : tx.labels.setChat(ref.accountId, ref.sessionId, change.labelId, change.chat, change.on),
      );
      return;
    }
    if (change.kind === 'message.starred') return this.recordStar(ref, change.chat, change.waId, change.starred);
    if (change.kind === 'contacts.upsert' || change.kind === 'contacts.update')
      return this.recordContacts(ref, change.kind, change.contacts);
    const events = directoryEvents(session, change);
    if (events.length === 0) return;
    await this.ctx.tx(async (tx) => {
      const settings = await this.ctx.settingsOf(tx, ref);
      for (const event of events) await this.ctx.appendFiltered(tx, event, settings);
    });
  }

  /**
   * Contacts as WhatsApp tells of them, stored; announced only when something changed (Baileys repeats
   * a sender's push name with every message it gets).
   */
  private async recordContacts(
    ref: RuntimeSessionRef,
    kind: 'contacts.upsert' | 'contacts.update',
    contacts: ContactInfo[],
  ): Promise<void> {
    await this.ctx.tx(async (tx) => {
      const changed: ContactInfo[] = [];
      for (const c of contacts) {
        const known = await tx.contacts.get(ref.accountId, ref.sessionId, c.jid);
        if (!known || contactChanged(known, c)) changed.push(c);
      }
      await tx.contacts.upsert(ref.accountId, ref.sessionId, contacts, this.ctx.now());
      if (changed.length === 0) return;
      const settings = await this.ctx.settingsOf(tx, ref);
      for (const event of directoryEvents(eventSession(ref), { kind, contacts: changed }))
        await this.ctx.appendFiltered(tx, event, settings);
    });
  }

  /**
   * A star set or removed on WhatsApp: the stored message follows, announced as `messages.starred`
   * (an echo of our own star that was stored already changes nothing).
   */
  private async recordStar(ref: RuntimeSessionRef, chat: ChatId, waId: string, starred: boolean): Promise<void> {
    await this.ctx.tx(async (tx) => {
      const m = await tx.messages.findByWaId(ref.sessionId, waId);
      if (!m || (m.starredAt != null) === starred) return;
      const now = this.ctx.now();
      await tx.messages.update(m.id, { starredAt: starred ? now : null, updatedAt: now });
      const status = starred ? 'starred' : 'unstarred';
      await tx.messageEvents.insert({ id: newId('mev'), messageId: m.id, status, detail: null, at: now });
      const session = eventSession(ref);
      const event: NewEvent<'messages.starred'> = {
        type: 'messages.starred',
        account_id: session.accountId,
        session_id: session.id,
        payload: { message_id: m.id, wa_id: waId, chat, starred },
      };
      await this.ctx.appendFiltered(tx, event, await this.ctx.settingsOf(tx, ref));
    });
  }

  async recordChatChange(ref: RuntimeSessionRef, chat: ChatId, change: ChatStatePatch): Promise<void> {
    await this.ctx.tx(async (tx) => {
      const state = await tx.chats.update(ref.accountId, ref.sessionId, chat, change, this.ctx.now());
      await this.ctx.appendFiltered(tx, chatsUpdateEvent(eventSession(ref), state), await this.ctx.settingsOf(tx, ref));
    });
  }
}

/** The `chats.update` event of one chat's new state (also produced by the chat service). */
export function chatsUpdateEvent(session: EventSessionRef, state: ChatState): NewEvent<'chats.update'> {
  return {
    type: 'chats.update',
    account_id: session.accountId,
    session_id: session.id,
    payload: { chats: [chatStateJson(state)] },
  };
}

/** A chat's state as events and /v1 show it. */
export function chatStateJson(state: ChatState): Record<string, unknown> & { id: string } {
  return {
    id: state.chatId,
    archived: state.archivedAt !== null,
    pinned: state.pinnedAt !== null,
    muted_until: state.mutedUntil,
    marked_unread: state.markedUnreadAt !== null,
  };
}

function directoryEvents(session: EventSessionRef, change: DirectoryChange): NewEvent[] {
  const base = { account_id: session.accountId, session_id: session.id };
  switch (change.kind) {
    case 'groups.upsert':
      return [{ ...base, type: 'groups.upsert', payload: { groups: change.groups.map(groupJson) } }];
    case 'groups.update':
      return [{ ...base, type: 'groups.update', payload: { groups: change.groups.map(groupChangeJson) } }];
    case 'groups.participants':
      return [
        {
          ...base,
          type: 'groups.participants',
          payload: { group: change.group, action: change.action, participants: change.participants, by: change.by },
        },
      ];
    case 'groups.join_requests':
      return [
        {
          ...base,
          type: 'groups.join_requests',
          payload: {
            group: change.group,
            action: change.action,
            participants: change.participants,
            by: change.by,
            method: change.method,
          },
        },
      ];
    case 'labels.edit':
    case 'labels.association':
    case 'message.starred':
      return [];
    case 'contacts.upsert':
    case 'contacts.update': {
      const events: NewEvent[] = [];
      for (let i = 0; i < change.contacts.length; i += CONTACTS_PER_EVENT)
        events.push({
          ...base,
          type: change.kind,
          payload: { contacts: change.contacts.slice(i, i + CONTACTS_PER_EVENT).map(contactJson) },
        });
      return events;
    }
  }
}

/** Whether WhatsApp told something new of a stored contact (a null name or push name says nothing). */
function contactChanged(known: StoredContact, c: ContactInfo): boolean {
  return (
    (c.name !== null && c.name !== known.name) ||
    (c.pushName !== null && c.pushName !== known.pushName) ||
    (c.phone !== null && c.phone !== known.phone) ||
    (c.lid !== null && c.lid !== known.lid)
  );
}

function contactJson(c: ContactInfo): Record<string, unknown> {
  return { jid: c.jid, phone: c.phone, lid: c.lid, name: c.name, push_name: c.pushName };
}
