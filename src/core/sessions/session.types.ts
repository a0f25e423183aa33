import type { SessionSettings } from './session.schema.js';
import type { SessionStatus } from './session-status.js';
import type { ConnectionErrorCode } from './connection-error.js';

export type { SessionSettings, SessionStatus };

/** One linked WhatsApp number. */
export interface Session {
  id: string;
  /** Integer alias, unique and increasing across the server (surfaces that show integer ids use it). */
  seq: number;
  accountId: string;
  /** Client-chosen name, unique per account among sessions that are not deleted. */
  name: string | null;
  label: string | null;
  /** E.164 with a leading `+`, or null until known. */
  phoneNumber: string | null;
  status: SessionStatus;
  settings: SessionSettings;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** The linked WhatsApp account, once linked (kept after a disconnect, cleared on a new link). */
  identity?: SessionLinkedIdentity | null;
  /** Why the connection to WhatsApp last failed; cleared when the session connects. */
  lastError?: SessionLastError | null;
}

/** A failed connection: a stable code (connection-error.ts, docs/errors.md), the engine's words, when. */
export interface SessionLastError {
  code: ConnectionErrorCode;
  message: string;
  at: string;
}

export interface SessionLinkedIdentity {
  /** Phone-number JID, e.g. `15551234567@s.whatsapp.net`. */
  waJid: string;
  /** LID JID, e.g. `123456789012345@lid`, when known. */
  waLid: string | null;
  pushName: string | null;
}

/** Lifecycle events kept per session (GET /v1/sessions/{id}/logs). */
export const SESSION_LOG_EVENTS = [
  'created',
  'updated',
  'settings_changed',
  'status_changed',
  'key_rotated',
  'deletion_requested',
  'deleted',
  // Written by the session runtime (engine issue).
  'qr_updated',
  'reconnect_scheduled',
  'health_check_failed',
  'connection_failed',
] as const;

export type SessionLogEvent = (typeof SESSION_LOG_EVENTS)[number];


export interface SessionLog {
  id: string;
  accountId: string;
  sessionId: string;
  event: SessionLogEvent;
  /** Event-specific details (changed fields, from/to status, fingerprints). Never secrets. */
  detail: Record<string, unknown>;
  createdAt: string;
}
