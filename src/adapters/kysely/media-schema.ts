// Table types of the media migration (0004). Timestamps are ISO-8601 UTC text, as in schema.ts.

export interface MediaTable {
  /** `med_<uuidv7 hex>`. */
  id: string;
  account_id: string;
  session_id: string | null;
  message_id: string | null;
  /** Random name of the public URL; unique. */
  token: string;
  mimetype: string;
  ext: string;
  /** bigint on PostgreSQL (files reach 100 MB), returned as a string by pg: read through Number(). */
  size: number | string;
  sha256: string;
  file_name: string | null;
  origin: string;
  storage_key: string;
  created_at: string;
  expires_at: string;
}

export interface MediaTables {
  media: MediaTable;
}
