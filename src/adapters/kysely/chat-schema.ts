// Table type of the chats migration (0008).
export interface ChatsTable {
  account_id: string;
  session_id: string;
  chat_id: string;
  archived_at: string | null;
  pinned_at: string | null;
  muted_until: string | null;
  marked_unread_at: string | null;
  updated_at: string;
}

export interface ChatTables {
  chats: ChatsTable;
}

/** Contacts (migration 0009). */
export interface ContactsTable {
  account_id: string;
  session_id: string;
  jid: string;
  phone: string | null;
  lid: string | null;
  name: string | null;
  push_name: string | null;
  updated_at: string;
}

export interface ContactTables {
  contacts: ContactsTable;
}

/** Labels (migration 0010). */
export interface LabelsTable {
  account_id: string;
  session_id: string;
  label_id: string;
  name: string;
  color: number;
  deleted_at: string | null;
  updated_at: string;
}

export interface LabelChatsTable {
  account_id: string;
  session_id: string;
  label_id: string;
  chat_id: string;
}

export interface LabelTables {
  labels: LabelsTable;
  label_chats: LabelChatsTable;
}
