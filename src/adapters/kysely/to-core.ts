// Row ↔ domain object translation, in one place for all repositories.
import { createSealer, type Sealer } from '../../lib/seal.js';
import type { Selectable } from 'kysely';
import type { Account } from '../../core/accounts/account.types.js';
import { isSessionStatus } from '../../core/sessions/session-status.js';
import { DEFAULT_SESSION_SETTINGS } from '../../core/sessions/session.types.js';
import type { ConnectionErrorCode } from '../../core/sessions/connection-error.js';
import type {
  Session,
  SessionLastError,
  SessionLog,
  SessionLogEvent,
  SessionSettings,
} from '../../core/sessions/session.types.js';
import type { ApiToken } from '../../core/tokens/token.types.js';
import type {
  AccountsTable,
  ApiTokensTable,
  SessionLastErrorColumns,
  SessionLogsTable,
  SessionsTable,
} from './schema.js';

export function toAccount(row: Selectable<AccountsTable>): Account {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    accountId: row.account_id,
    sessionId: row.session_id,
    kind: row.kind === 'session_key' ? 'session_key' : 'pat',
    hash: row.hash,
    fingerprint: row.fingerprint,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function fromApiToken(token: ApiToken): ApiTokensTable {
  return {
    id: token.id,
    account_id: token.accountId,
    session_id: token.sessionId,
    kind: token.kind,
    hash: token.hash,
    fingerprint: token.fingerprint,
    name: token.name,
    created_at: token.createdAt,
    last_used_at: token.lastUsedAt,
    revoked_at: token.revokedAt,
  };
}

export function toSession(row: Selectable<SessionsTable>, sealer: Sealer = PLAIN): Session {
  if (!isSessionStatus(row.status)) throw new Error(`sessions.status has an unknown value: ${row.status}`);
  return {
    id: row.id,
    seq: Number(row.seq),
    accountId: row.account_id,
    name: row.name,
    label: row.label,
    phoneNumber: row.phone_number,
    status: row.status,
    // Defaults first: settings added later (download_media) read as their default on older rows.
    settings: settingsFromColumn(row.settings, sealer),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    // Present only once linked, so a never-linked session reads back exactly as it was written.
    ...(row.wa_jid
      ? { identity: { waJid: row.wa_jid, waLid: row.wa_lid ?? null, pushName: row.push_name ?? null } }
      : {}),
    ...(row.last_error_code
      ? {
          lastError: {
            code: row.last_error_code as ConnectionErrorCode,
            message: row.last_error_message ?? '',
            at: row.last_error_at ?? '',
          },
        }
      : {}),
  };
}

export function lastErrorColumns(e: SessionLastError | null | undefined): SessionLastErrorColumns {
  return { last_error_code: e?.code ?? null, last_error_message: e?.message ?? null, last_error_at: e?.at ?? null };
}

export function fromSession(session: Session, sealer: Sealer = PLAIN): SessionsTable {
  return {
    id: session.id,
    seq: session.seq,
    account_id: session.accountId,
    name: session.name,
    label: session.label,
    phone_number: session.phoneNumber,
    status: session.status,
    settings: settingsColumn(session.settings, sealer),
    created_at: session.createdAt,
    updated_at: session.updatedAt,
    deleted_at: session.deletedAt,
    wa_jid: session.identity?.waJid ?? null,
    wa_lid: session.identity?.waLid ?? null,
    push_name: session.identity?.pushName ?? null,
    ...lastErrorColumns(session.lastError),
  };
}

export function toSessionLog(row: Selectable<SessionLogsTable>): SessionLog {
  return {
    id: row.id,
    accountId: row.account_id,
    sessionId: row.session_id,
    event: row.event as SessionLogEvent,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

/** Without a master key: values as they are (a sealed value then fails loudly). */
const PLAIN: Sealer = createSealer(null);

/** The settings column: JSON, with proxy_url sealed (it may carry the proxy's password). */
export function settingsColumn(settings: SessionSettings, sealer: Sealer): string {
  return JSON.stringify(settings.proxy_url ? { ...settings, proxy_url: sealer.seal(settings.proxy_url) } : settings);
}

function settingsFromColumn(column: string, sealer: Sealer): SessionSettings {
  // Defaults first: settings added later (download_media) read as their default on older rows.
  const settings = { ...DEFAULT_SESSION_SETTINGS, ...(JSON.parse(column) as Partial<SessionSettings>) };
  return settings.proxy_url ? { ...settings, proxy_url: sealer.open(settings.proxy_url) } : settings;
}
