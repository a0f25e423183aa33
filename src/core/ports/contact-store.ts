// Where contacts are kept (migration 0009), scoped by account and session.
import type { ChatId } from '../chats/chat-id.js';

export interface StoredContact {
  /** The phone JID when known, else the LID. */
  jid: ChatId;
  phone: string | null;
  lid: ChatId | null;
  /** The name saved in the phone's address book. */
  name: string | null;
  pushName: string | null;
  updatedAt: string;
}

/** What is known now; a null name or push name leaves the stored one as it is. */
export type ContactUpsert = Omit<StoredContact, 'updatedAt'>;

export interface ContactRepository {
  upsert(accountId: string, sessionId: string, contacts: ContactUpsert[], at: string): Promise<void>;
  /** By phone JID or LID. */
  get(accountId: string, sessionId: string, person: ChatId): Promise<StoredContact | null>;
  /** Sets or clears the saved name. */
  setName(accountId: string, sessionId: string, contact: ContactUpsert, at: string): Promise<void>;
  /** By jid, ascending; `afterJid` for the next page. */
  list(
    accountId: string,
    sessionId: string,
    query: { limit: number; afterJid?: string | undefined },
  ): Promise<StoredContact[]>;
}
