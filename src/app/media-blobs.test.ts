// WAGATE_MEDIA_STORE: parsed by loadConfig, `auto` means PostgreSQL in cluster mode and the disk
// otherwise, and PostgreSQL on an SQLite database is refused with a clear message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FsMediaBlobStore } from '../adapters/media-files/index.js';
import { PgMediaBlobStore } from '../adapters/pg-blob-store/index.js';
import { ConfigError, loadConfig } from './config.js';
import { createMediaBlobs } from './media-blobs.js';
import { mediaStoreFor } from './media-config.js';

test('WAGATE_MEDIA_STORE is auto by default, disk or postgres when set, anything else refused', () => {
  assert.equal(loadConfig({}).media.store, 'auto');
  assert.equal(loadConfig({ WAGATE_MEDIA_STORE: '' }).media.store, 'auto');
  assert.equal(loadConfig({ WAGATE_MEDIA_STORE: 'Postgres' }).media.store, 'postgres');
  assert.equal(loadConfig({ WAGATE_MEDIA_STORE: 'disk' }).media.store, 'disk');
  assert.throws(() => loadConfig({ WAGATE_MEDIA_STORE: 's3' }), /WAGATE_MEDIA_STORE must be auto, disk or postgres/);
});

test('auto is PostgreSQL in cluster mode and the disk on a single node; an explicit choice wins', () => {
  assert.equal(mediaStoreFor('auto', 'cluster'), 'postgres');
  assert.equal(mediaStoreFor('auto', 'single'), 'disk');
  assert.equal(mediaStoreFor('disk', 'cluster'), 'disk');
  assert.equal(mediaStoreFor('postgres', 'single'), 'postgres');
});

test('the chosen store is built; PostgreSQL media on an SQLite database is refused', async () => {
  const sqlite = { kind: 'sqlite', file: '/tmp/none.db' } as const;
  const disk = createMediaBlobs({ store: 'auto', mode: 'single', database: sqlite, dataDir: '/tmp/x' });
  assert.ok(disk.blobs instanceof FsMediaBlobStore);
  assert.throws(
    () => createMediaBlobs({ store: 'postgres', mode: 'single', database: sqlite, dataDir: '/tmp/x' }),
    (err) => err instanceof ConfigError && /WAGATE_MEDIA_STORE=postgres needs WAGATE_DATABASE_URL/.test(err.message),
  );
  const pg = createMediaBlobs({
    store: 'auto',
    mode: 'cluster',
    database: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' },
    dataDir: '/tmp/x',
  });
  assert.equal(pg.kind, 'postgres');
  assert.ok(pg.blobs instanceof PgMediaBlobStore);
  await pg.close();
});
