// Sessions in domain words. Settings keep their snake_case names: they are stored, logged
// (`settings_changed` fields) and announced under these names on every surface.
import type { SessionStatus } from './session-status.js';
import type { ConnectionErrorCode } from './connection-error.js';

export type { SessionStatus };

/** How a session behaves; every field always has a value (DEFAULT_SESSION_SETTINGS). */
export interface SessionSettings {
  /** Pace sending to protect the number (1 message per 5 s). */
  account_protection: boolean;
  read_incoming: boolean;
  auto_reject_calls: boolean;
  always_online: boolean;
  ignore_groups: boolean;
  ignore_broadcasts: boolean;
  ignore_channels: boolean;
  /** Show "typing…" before each message. */
  typing: boolean;
  log_messages: boolean;
  /** Download, decrypt and store the media of incoming messages. */
  download_media: boolean;
  /** http(s) or socks5 URL the WhatsApp connection goes through. */
  proxy_url: string | null;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  account_protection: true,
  read_incoming: false,
  auto_reject_calls: false,
  always_online: false,
  ignore_groups: false,
  ignore_broadcasts: false,
  ignore_channels: false,
  typing: false,
  log_messages: true,
  download_media: true,
  proxy_url: null,
};

/** A settings change: any subset, merged over the current settings. */
export type SessionSettingsPatch = Partial<SessionSettings>;

/** Create a session: every field optional (no name, defaults for the settings). */
export interface CreateSession {
  name?: string;
  label?: string;
  /** E.164 with a leading `+`. */
  phoneNumber?: string;
  settings?: SessionSettingsPatch;
  /** The leading word of the session key minted with it (`wg` by default: `wg_sk_…`). */
  keyPrefix?: string;
}

/** Change a session: absent fields stay, null clears. */
export interface UpdateSession {
  name?: string | null;
  label?: string | null;
  phoneNumber?: string | null;
  settings?: SessionSettingsPatch;
}

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
