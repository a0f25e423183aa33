// Table types for Kysely. Timestamps are ISO-8601 UTC strings (`2025-01-31T12:00:00.000Z`) and JSON
// columns are text on both dialects, so one set of queries and row mappers serves SQLite and
// PostgreSQL alike (docs/adr/0002-store.md).

import type { EngineTables, SessionIdentityColumns } from './engine-schema.js';
import type { WebhookTables } from './webhook-schema.js';
import type { MediaTables } from './media-schema.js';

import type { ChatTables, ContactTables, LabelTables } from './chat-schema.js';

export interface AccountsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  session_id: string | null;
  kind: string;
  hash: string;
  fingerprint: string;
  name: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SessionsTable extends Partial<SessionIdentityColumns>, Partial<SessionLastErrorColumns> {
  id: string;
  seq: number;
  account_id: string;
  name: string | null;
  label: string | null;
  phone_number: string | null;
  status: string;
  /** JSON text of SessionSettings. */
  settings: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Columns 0006 adds to `sessions`: the session's last connection error (all null when none). */
export interface SessionLastErrorColumns {
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: string | null;
}

export interface SessionLogsTable {
  id: string;
  account_id: string;
  session_id: string;
  event: string;
  /** JSON text. */
  detail: string;
  created_at: string;
}

export interface CountersTable {
  name: string;
  /** bigint on PostgreSQL, which the driver returns as a string: always read through Number(). */
  value: number | string;
}

export interface Database extends EngineTables, WebhookTables, MediaTables, ChatTables, ContactTables, LabelTables {
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  session_logs: SessionLogsTable;
  counters: CountersTable;
  session_fences: SessionFencesTable;
}

/** Cluster mode: the highest lease token that wrote for a session (bigint: read through Number()). */
export interface SessionFencesTable {
  session_id: string;
  token: number | string;
}
