// Which blob store holds media bytes (WAGATE_MEDIA_STORE): this node's disk under <data dir>/media,
// or PostgreSQL (the default in cluster mode, so a file uploaded through one node is read through
// any other). Both keep drafts on the local disk; the PostgreSQL store also keeps cached copies
// there for the engine, under <data dir>/media-cache.
import { join } from 'node:path';
import { FsMediaBlobStore } from '../adapters/media-files/index.js';
import { createPostgresBlobStore } from '../adapters/pg-blob-store/index.js';
import type { MediaBlobStore } from '../core/media/media.ports.js';
import { ConfigError, type DatabaseConfig } from './config.js';
import { mediaStoreFor, type MediaAppConfig, type MediaStoreKind } from './media-config.js';

export interface MediaBlobs {
  kind: MediaStoreKind;
  blobs: MediaBlobStore;
  close(): Promise<void>;
}

export function createMediaBlobs(deps: {
  store: MediaAppConfig['store'];
  mode: 'single' | 'cluster';
  database: DatabaseConfig;
  dataDir: string;
}): MediaBlobs {
  const kind = mediaStoreFor(deps.store, deps.mode);
  if (kind === 'disk')
    return { kind, blobs: new FsMediaBlobStore(join(deps.dataDir, 'media')), close: () => Promise.resolve() };
  if (deps.database.kind !== 'postgres')
    throw new ConfigError([
      'WAGATE_MEDIA_STORE=postgres needs WAGATE_DATABASE_URL=postgres://… (media bytes are kept in the database)',
    ]);
  const dir = join(deps.dataDir, 'media-cache');
  const pg = createPostgresBlobStore({
    url: deps.database.url,
    ...(deps.database.schema ? { schema: deps.database.schema } : {}),
    dir,
    // Drafts under media-cache/tmp, beside the cache they are renamed into.
    drafts: new FsMediaBlobStore(dir),
  });
  return { kind, blobs: pg.blobs, close: pg.close };
}
