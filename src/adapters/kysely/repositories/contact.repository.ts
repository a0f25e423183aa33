// Contacts (0009): one row per person per session, merged as WhatsApp tells us more.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChatId } from '../../../core/chats/chat-id.js';
import type { ContactRepository, ContactUpsert, StoredContact } from '../../../core/ports/contact-store.js';
import type { ContactsTable } from '../chat-schema.js';
import type { Database } from '../schema.js';

function toContact(r: Selectable<ContactsTable>): StoredContact {
  return { jid: r.jid, phone: r.phone, lid: r.lid, name: r.name, pushName: r.push_name, updatedAt: r.updated_at };
}

export class KyselyContactRepository implements ContactRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(accountId: string, sessionId: string, contacts: ContactUpsert[], at: string): Promise<void> {
    for (const c of contacts) await this.write(accountId, sessionId, c, at, false);
  }

  async setName(accountId: string, sessionId: string, c: ContactUpsert, at: string): Promise<void> {
    await this.write(accountId, sessionId, c, at, true);
  }

  /** `nameAsGiven`: the name is set even when null (cleared); otherwise null keeps the stored one. */
  private async write(accountId: string, sessionId: string, c: ContactUpsert, at: string, nameAsGiven: boolean) {
    // A person first seen by LID and later with the phone number: keep one row (the LID's).
    const existing = c.lid && c.jid !== c.lid ? await this.get(accountId, sessionId, c.lid) : null;
    const jid = existing?.jid ?? c.jid;
    const keep = (column: 'phone' | 'lid' | 'name' | 'push_name', value: string | null, force = false) =>
      force ? value : value === null ? sql<string | null>`contacts.${sql.ref(column)}` : value;
    await this.db
      .insertInto('contacts')
      .values({
        account_id: accountId,
        session_id: sessionId,
        jid,
        phone: c.phone,
        lid: c.lid,
        name: c.name,
        push_name: c.pushName,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['session_id', 'jid']).doUpdateSet({
          phone: keep('phone', c.phone),
          lid: keep('lid', c.lid),
          name: keep('name', c.name, nameAsGiven),
          push_name: keep('push_name', c.pushName),
          updated_at: at,
        }),
      )
      .execute();
  }

  async get(accountId: string, sessionId: string, person: ChatId): Promise<StoredContact | null> {
    const row = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where((eb) => eb.or([eb('jid', '=', person), eb('lid', '=', person)]))
      .executeTakeFirst();
    return row ? toContact(row) : null;
  }

  async list(accountId: string, sessionId: string, query: { limit: number; afterJid?: string | undefined }) {
    let q = this.db
      .selectFrom('contacts')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId);
    if (query.afterJid) q = q.where('jid', '>', query.afterJid);
    return (await q.orderBy('jid', 'asc').limit(query.limit).execute()).map(toContact);
  }
}
