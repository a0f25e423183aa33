import type { Kysely } from 'kysely';
import type { SessionLogQuery, SessionLogRepository } from '../../../core/ports/store.js';
import type { SessionLog } from '../../../core/sessions/session.types.js';
import type { Database } from '../schema.js';
import { toSessionLog } from '../to-core.js';

export class KyselySessionLogRepository implements SessionLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(log: SessionLog): Promise<void> {
    await this.db
      .insertInto('session_logs')
      .values({
        id: log.id,
        account_id: log.accountId,
        session_id: log.sessionId,
        event: log.event,
        detail: JSON.stringify(log.detail),
        created_at: log.createdAt,
      })
      .execute();
  }

  async list(accountId: string, sessionId: string, query: SessionLogQuery): Promise<SessionLog[]> {
    let q = this.db
      .selectFrom('session_logs')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId);
    if (query.beforeId) q = q.where('id', '<', query.beforeId);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toSessionLog);
  }
}
