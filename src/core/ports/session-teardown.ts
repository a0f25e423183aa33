import type { Session } from '../sessions/session.types.js';

/**
 * What happens to a session's engine side when it is deleted: stop its connection, unlink the
 * device, wipe its auth state. The session service calls it after the session is marked
 * pending_deletion and its key is revoked, then marks the session deleted when it resolves.
 * Must be idempotent (a restart may run it again). The engine issue provides the real one.
 */
export interface SessionTeardown {
  teardown(session: Session): Promise<void>;
}

/** Nothing to tear down while no engine exists. */
export const noopSessionTeardown: SessionTeardown = {
  teardown: async () => {},
};
