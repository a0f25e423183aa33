// Table types of the engine migration (0002): auth state, messages and their status history.

export interface EngineAuthTable {
  session_id: string;
  type: string;
  key_id: string;
  /** JSON text, sealed when a master key is set. */
  value: string;
}

export interface MessagesTable {
  id: string;
  seq: number;
  account_id: string;
  session_id: string;
  direction: 'in' | 'out';
  chat_id: string;
  wa_id: string | null;
  sender_jid: string | null;
  sender_lid: string | null;
  sender_name: string | null;
  kind: string;
  text: string | null;
  /** JSON text of the outgoing content. */
  content: string | null;
  /** JSON text of the raw WhatsApp message (inbound). */
  raw: string | null;
  status: string;
  error: string | null;
  idempotency_key: string | null;
  wa_timestamp: string | null;
  created_at: string;
  updated_at: string;
  /** Message actions (migration 0005): ISO times, null when not done. */
  edited_at: string | null;
  revoked_at: string | null;
  starred_at: string | null;
  /** JSON array of MessageReaction, null when none. */
  reactions: string | null;
}

export interface MessageEventsTable {
  id: string;
  message_id: string;
  status: string;
  /** JSON text or null. */
  detail: string | null;
  at: string;
}

/** Columns the engine migration adds to `sessions`. */
export interface SessionIdentityColumns {
  wa_jid: string | null;
  wa_lid: string | null;
  push_name: string | null;
}

export interface EngineTables {
  engine_auth: EngineAuthTable;
  messages: MessagesTable;
  message_events: MessageEventsTable;
}
