// The session state machine. The engine (a later issue) drives most transitions; the API drives
// deletion. docs/session-states.md maps every state to each seed product's vocabulary.
import { ConflictError } from '../errors.js';

export const SESSION_STATUSES = [
  'disconnected', // created, or stopped with credentials kept
  'connecting', // engine starting / reconnecting
  'need_scan', // waiting for a QR scan or pairing code
  'connected',
  'logged_out', // unlinked from the phone; needs a new scan
  'failed', // banned, blocked, or gave up reconnecting
  'pending_deletion', // DELETE accepted, key revoked, teardown running
  'deleted',
] as const;

export type SessionStatus = (typeof SESSION_STATUSES)[number];

const ALLOWED: Record<SessionStatus, readonly SessionStatus[]> = {
  disconnected: ['connecting', 'logged_out', 'pending_deletion'],
  connecting: ['need_scan', 'connected', 'disconnected', 'logged_out', 'failed', 'pending_deletion'],
  need_scan: ['connecting', 'connected', 'disconnected', 'logged_out', 'failed', 'pending_deletion'],
  connected: ['connecting', 'disconnected', 'logged_out', 'failed', 'pending_deletion'],
  logged_out: ['connecting', 'disconnected', 'pending_deletion'],
  failed: ['connecting', 'disconnected', 'pending_deletion'],
  pending_deletion: ['deleted'],
  deleted: [],
};

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Throws 409 INVALID_STATE_TRANSITION when `from → to` is not an edge of the machine. */
export function assertTransition(from: SessionStatus, to: SessionStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError('INVALID_STATE_TRANSITION', `A session cannot go from ${from} to ${to}`, {
      context: { from, to },
    });
  }
}

export function isSessionStatus(value: string): value is SessionStatus {
  return (SESSION_STATUSES as readonly string[]).includes(value);
}
