import { sql, type Kysely, type Updateable } from 'kysely';
import type { MessageListQuery, MessagePatch, MessageRepository } from '../../../core/ports/message-store.js';
import type { Message, MessageStatus } from '../../../core/messages/message.types.js';
import type { MessagesTable } from '../engine-schema.js';
import { fromMessage, toMessage } from '../message-rows.js';
import type { Database } from '../schema.js';

export class KyselyMessageRepository implements MessageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(message: Message): Promise<boolean> {
    // DO NOTHING on any unique conflict: (session, wa_id) for inbound duplicates and
    // (session, idempotency_key) for retried sends. The caller reads the existing row.
    const result = await this.db
      .insertInto('messages')
      .values(fromMessage(message))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async findById(accountId: string, id: string): Promise<Message | null> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async findByIdInternal(id: string): Promise<Message | null> {
    const row = await this.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async findBySeq(accountId: string, seq: number): Promise<Message | null> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async findByIdempotencyKey(sessionId: string, key: string): Promise<Message | null> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async findByWaId(sessionId: string, waId: string): Promise<Message | null> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('wa_id', '=', waId)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async list(accountId: string, sessionId: string, query: MessageListQuery): Promise<Message[]> {
    let q = this.db
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId);
    if (query.direction) q = q.where('direction', '=', query.direction);
    if (query.chatId) q = q.where('chat_id', '=', query.chatId);
    if (query.textContains) {
      const pattern = `%${query.textContains.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql`lower(text)`, 'like', sql`${pattern} escape '\\'`);
    }
    if (query.beforeId) q = q.where('id', '<', query.beforeId);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toMessage);
  }

  async oldestWithStatus(sessionId: string, status: MessageStatus): Promise<Message | null> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('status', '=', status)
      .orderBy('id', 'asc')
      .limit(1)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  async updateIf(id: string, expected: MessageStatus, patch: MessagePatch): Promise<boolean> {
    const result = await this.db
      .updateTable('messages')
      .set(toSet(patch))
      .where('id', '=', id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async update(id: string, patch: MessagePatch): Promise<void> {
    await this.db.updateTable('messages').set(toSet(patch)).where('id', '=', id).execute();
  }

  async moveStatus(sessionId: string, from: MessageStatus, to: MessageStatus, at: string): Promise<number> {
    const result = await this.db
      .updateTable('messages')
      .set({ status: to, updated_at: at })
      .where('session_id', '=', sessionId)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async countWithStatus(sessionId: string, status: MessageStatus): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('session_id', '=', sessionId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toSet(patch: MessagePatch): Updateable<MessagesTable> {
  const set: Updateable<MessagesTable> = { updated_at: patch.updatedAt };
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.waId !== undefined) set.wa_id = patch.waId;
  if (patch.error !== undefined) set.error = patch.error;
  if (patch.waTimestamp !== undefined) set.wa_timestamp = patch.waTimestamp;
  if (patch.text !== undefined) set.text = patch.text;
  if (patch.editedAt !== undefined) set.edited_at = patch.editedAt;
  if (patch.revokedAt !== undefined) set.revoked_at = patch.revokedAt;
  if (patch.starredAt !== undefined) set.starred_at = patch.starredAt;
  if (patch.reactions !== undefined) set.reactions = patch.reactions.length ? JSON.stringify(patch.reactions) : null;
  return set;
}
