// Writing a session's status change: the row, its session-log entry and its `session.status` event,
// in the caller's transaction. Shared by the API's transitions (deletion) and the runtime's
// engine-driven ones, so both look the same in the log and to webhook receivers.
import { newId } from '../../lib/ids.js';
import type { Outbox } from '../events/outbox.js';
import { sessionStatusEvent } from '../events/producers.js';
import type { StoreRepositories } from '../ports/store.js';
import type { SessionStatus } from './session-status.js';
import type { Session, SessionLogEvent } from './session.types.js';

export interface StatusChange {
  session: Pick<Session, 'id' | 'accountId' | 'status'>;
  to: SessionStatus;
  /** Log entry kind (`status_changed`, `deletion_requested`, …). */
  event: SessionLogEvent;
  /** Why, for the log and the event (`reason` becomes the event's reason). */
  detail: Record<string, unknown>;
  now: string;
  outbox: Pick<Outbox, 'append'>;
}

/** Applies the change and returns the updated row, or null when the session is gone. */
export async function writeStatusChange(tx: StoreRepositories, change: StatusChange): Promise<Session | null> {
  const { session, to, now } = change;
  const updated = await tx.sessions.update(session.accountId, session.id, { status: to, updatedAt: now });
  if (!updated) return null;
  await tx.sessionLogs.insert({
    id: newId('slog'),
    accountId: session.accountId,
    sessionId: session.id,
    event: change.event,
    detail: { from: session.status, to, ...change.detail },
    createdAt: now,
  });
  const reason = typeof change.detail['reason'] === 'string' ? change.detail['reason'] : null;
  await change.outbox.append(tx, sessionStatusEvent(updated, session.status, reason));
  return updated;
}
