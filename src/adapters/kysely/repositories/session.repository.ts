import { sql } from 'kysely';
import type { Kysely, Selectable, Updateable } from 'kysely';
import { ConflictError } from '../../../core/errors.js';
import type { SessionListQuery, SessionPatch, SessionRepository } from '../../../core/ports/store.js';
import type { Session, SessionStatus } from '../../../core/sessions/session.types.js';
import { isUniqueViolation } from '../errors.js';
import type { Database, SessionsTable } from '../schema.js';
import { fromSession, lastErrorColumns, settingsColumn, toSession } from '../to-core.js';
import { createSealer, type Sealer } from '../../../lib/seal.js';

export class KyselySessionRepository implements SessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    /** Seals settings.proxy_url at rest (it may carry credentials). */
    private readonly sealer: Sealer = createSealer(null),
  ) {}

  private toSession = (row: Selectable<SessionsTable>): Session => toSession(row, this.sealer);

  async insert(session: Session): Promise<void> {
    try {
      await this.db.insertInto('sessions').values(fromSession(session, this.sealer)).execute();
    } catch (err) {
      throw nameTaken(err, session.name);
    }
  }

  async findByRef(accountId: string, ref: string): Promise<Session | null> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('status', '<>', 'deleted')
      .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)]))
      .executeTakeFirst();
    return row ? this.toSession(row) : null;
  }

  async list(accountId: string, query: SessionListQuery): Promise<Session[]> {
    let q = this.db.selectFrom('sessions').selectAll().where('account_id', '=', accountId);
    const { status } = query;
    if (status === undefined) q = q.where('status', '<>', 'deleted');
    else if (typeof status === 'string') q = q.where('status', '=', status);
    else q = status.length ? q.where('status', 'in', [...status]) : q.where(sql<boolean>`false`);
    if (query.sessionId) q = q.where('id', '=', query.sessionId);
    if (query.beforeId) q = q.where('id', '<', query.beforeId);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(this.toSession);
  }

  async listForResume(): Promise<Session[]> {
    // Internal (server start): the runtime manager reconnects these; no tenant data leaves the core.
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('status', 'in', ['connected', 'connecting'])
      .orderBy('id')
      .execute();
    return rows.map(this.toSession);
  }

  async listAllWithStatus(status: SessionStatus, limit: number): Promise<Session[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('status', '=', status)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
    return rows.map(this.toSession);
  }

  async update(accountId: string, id: string, patch: SessionPatch): Promise<Session | null> {
    const set: Updateable<SessionsTable> = { updated_at: patch.updatedAt };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.label !== undefined) set.label = patch.label;
    if (patch.phoneNumber !== undefined) set.phone_number = patch.phoneNumber;
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.settings !== undefined) set.settings = settingsColumn(patch.settings, this.sealer);
    if (patch.deletedAt !== undefined) set.deleted_at = patch.deletedAt;
    if (patch.identity !== undefined) {
      set.wa_jid = patch.identity?.waJid ?? null;
      set.wa_lid = patch.identity?.waLid ?? null;
      set.push_name = patch.identity?.pushName ?? null;
    }
    if (patch.lastError !== undefined) Object.assign(set, lastErrorColumns(patch.lastError));
    try {
      const row = await this.db
        .updateTable('sessions')
        .set(set)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? this.toSession(row) : null;
    } catch (err) {
      throw nameTaken(err, patch.name ?? null);
    }
  }
}

function nameTaken(err: unknown, name: string | null): unknown {
  if (!isUniqueViolation(err)) return err;
  return new ConflictError('SESSION_NAME_TAKEN', `A session named ${name ?? '(none)'} already exists in this account`, {
    field: 'name',
    cause: err,
  });
}
