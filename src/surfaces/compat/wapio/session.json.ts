// wagate's Session, key and status → Wapio's shapes (API-CATALOG §3.1 Session, SessionApiKey).
import type { IssuedToken } from '../../../core/tokens/token.types.js';
import type { Session } from '../../../core/sessions/session.types.js';
import type { SessionStatus } from '../../../core/sessions/session-status.js';
import { toWapioAccountId, toWapioSessionId } from './ids.js';

const STATUS: Record<SessionStatus, string> = {
  disconnected: 'disconnected',
  connecting: 'connecting',
  need_scan: 'pending',
  connected: 'connected',
  logged_out: 'disconnected',
  failed: 'disconnected',
  pending_deletion: 'pending_deletion',
  deleted: 'deleted',
};

/** Wapio's session statuses (its Session.status enum). */
export const WAPIO_SESSION_STATUSES = [
  'pending',
  'connecting',
  'connected',
  'disconnected',
  'pending_deletion',
  'deleted',
] as const;

/** Wapio status → the wagate statuses it stands for (list filter). */
export function wagateStatuses(status: string): SessionStatus[] {
  return (Object.keys(STATUS) as SessionStatus[]).filter((s) => STATUS[s] === status);
}

/** `storedFingerprint`: the core's form of the session's active key (`wg_sk_...x9Qz`), if known. */
export function toWapioSession(s: Session, storedFingerprint: string | null = null) {
  return {
    session_id: toWapioSessionId(s.id),
    account_id: toWapioAccountId(s.accountId),
    status: STATUS[s.status],
    created_at: s.createdAt,
    label: s.label,
    phone_number: s.phoneNumber,
    worker_id: null,
    last_activity_at: null,
    updated_at: s.updatedAt,
    session_api_key_fingerprint: storedFingerprint ? wapioFingerprint(storedFingerprint) : null,
  };
}

/** Wapio's fingerprint form `bps_sk_••••XXXX` (the last four characters of a key or its fingerprint). */
export function wapioFingerprint(token: string): string {
  return `bps_sk_••••${token.slice(-4)}`;
}

export function toWapioKey(key: IssuedToken, previousFingerprint?: string | null) {
  return {
    raw: key.token,
    fingerprint: wapioFingerprint(key.token),
    created_at: key.createdAt,
    ...(previousFingerprint ? { previous_fingerprint: previousFingerprint } : {}),
  };
}
