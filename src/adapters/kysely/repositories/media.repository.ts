// Media metadata rows (one query per method). Every account-facing lookup is filtered by account.
import type { Kysely, Selectable } from 'kysely';
import type { MediaRepository } from '../../../core/media/media.ports.js';
import type { MediaOrigin, MediaRecord } from '../../../core/media/media.types.js';
import type { MediaTable, MediaTables } from '../media-schema.js';

function toMedia(row: Selectable<MediaTable>): MediaRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    sessionId: row.session_id,
    messageId: row.message_id,
    token: row.token,
    mimetype: row.mimetype,
    ext: row.ext,
    size: Number(row.size),
    sha256: row.sha256,
    fileName: row.file_name,
    origin: row.origin as MediaOrigin,
    storageKey: row.storage_key,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export class KyselyMediaRepository implements MediaRepository {
  constructor(private readonly db: Kysely<MediaTables>) {}

  async insert(m: MediaRecord): Promise<void> {
    await this.db
      .insertInto('media')
      .values({
        id: m.id,
        account_id: m.accountId,
        session_id: m.sessionId,
        message_id: m.messageId,
        token: m.token,
        mimetype: m.mimetype,
        ext: m.ext,
        size: m.size,
        sha256: m.sha256,
        file_name: m.fileName,
        origin: m.origin,
        storage_key: m.storageKey,
        created_at: m.createdAt,
        expires_at: m.expiresAt,
      })
      .execute();
  }

  async findById(accountId: string, id: string): Promise<MediaRecord | null> {
    const row = await this.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async findByIdInternal(id: string): Promise<MediaRecord | null> {
    const row = await this.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async findByToken(token: string): Promise<MediaRecord | null> {
    const row = await this.db.selectFrom('media').selectAll().where('token', '=', token).executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async totalBytes(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('media')
      .select((eb) => eb.fn.sum<number | string | null>('size').as('total'))
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  }

  async listForMessage(messageId: string): Promise<MediaRecord[]> {
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .where('message_id', '=', messageId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toMedia);
  }

  async extendExpiry(id: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('media')
      .set({ expires_at: expiresAt })
      .where('id', '=', id)
      .where('expires_at', '<', expiresAt)
      .execute();
  }

  async listExpired(now: string, limit: number): Promise<MediaRecord[]> {
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .where('expires_at', '<', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map(toMedia);
  }

  async deleteIfExpired(id: string, now: string): Promise<boolean> {
    const res = await this.db.deleteFrom('media').where('id', '=', id).where('expires_at', '<', now).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }
}
