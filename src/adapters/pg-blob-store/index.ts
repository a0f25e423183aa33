// Media bytes in PostgreSQL (WAGATE_MEDIA_STORE=postgres, the default in cluster mode): the store
// and a factory that opens its own small pool on the database of the rest of the state.
import pg from 'pg';
import type { MediaBlobStore } from '../../core/media/media.ports.js';
import { PgMediaBlobStore } from './pg-blob-store.js';

export { PgMediaBlobStore, type PgMediaBlobStoreOptions } from './pg-blob-store.js';

export interface PostgresBlobStoreOptions {
  /** `postgres://user:pass@host:5432/db` */
  url: string;
  /** Schema holding `media_blobs` (the store's schema; migrations create the table). */
  schema?: string;
  /** This node's folder for cached copies. */
  dir: string;
  /** Writes drafts on this node's disk, on the file system of `dir` (see PgMediaBlobStoreOptions). */
  drafts: Pick<MediaBlobStore, 'write' | 'discard'>;
  /** Pool size (default 4). */
  max?: number;
  chunkBytes?: number;
  cacheTtlMs?: number;
}

export function createPostgresBlobStore(options: PostgresBlobStoreOptions): {
  blobs: PgMediaBlobStore;
  close(): Promise<void>;
} {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema))
    throw new Error(`invalid PostgreSQL schema name: ${options.schema}`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    ...(options.schema ? { options: `-c search_path="${options.schema}"` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const blobs = new PgMediaBlobStore({
    pool,
    dir: options.dir,
    drafts: options.drafts,
    ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}),
    ...(options.cacheTtlMs ? { cacheTtlMs: options.cacheTtlMs } : {}),
  });
  let closed: Promise<void> | undefined;
  return { blobs, close: () => (closed ??= pool.end()) };
}
