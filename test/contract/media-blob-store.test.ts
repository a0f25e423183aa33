// MediaBlobStore contract, run against both adapters: this node's disk (FsMediaBlobStore) and
// PostgreSQL (PgMediaBlobStore, a fresh schema on the local server). Drafts hash and count, stop
// past the limit leaving nothing, and a disk error while the source is awaited rejects (no crash);
// committed bytes stream back and have a local path with the same bytes; removed bytes are gone.
// Then what only the PostgreSQL store does: a second node (its own folder, same database) reads
// what the first committed, its cached copy ages out, and the sweep's remove reaches every node.
import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { FsMediaBlobStore } from '../../src/adapters/media-files/index.js';
import { createPostgresBlobStore, type PgMediaBlobStore } from '../../src/adapters/pg-blob-store/index.js';
import { createStore } from '../../src/app/container.js';
import { TooLargeError } from '../../src/core/errors.js';
import type { MediaBlobStore } from '../../src/core/media/media.ports.js';
import { newId } from '../../src/lib/ids.js';
import { createTestDatabase } from '../support/databases.js';

async function* slow(chunks: Buffer[], gapMs: number): AsyncGenerator<Buffer> {
  for (const c of chunks) {
    yield c;
    await sleep(gapMs);
  }
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

interface Adapter {
  /** A store keeping its local files (drafts, and for PostgreSQL the cache) under `dir`. */
  make(dir: string): MediaBlobStore;
  close(): Promise<void>;
}

const pgClosers: Array<() => Promise<void>> = [];

const adapters: Array<[string, () => Promise<Adapter>]> = [
  ['disk', async () => ({ make: (dir) => new FsMediaBlobStore(dir), close: async () => {} })],
  [
    'postgres',
    async () => {
      const db = await createTestDatabase('postgres');
      if (db.config.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
      const { url, schema } = db.config;
      const store = await createStore(db.config);
      await store.migrate();
      await store.close();
      return {
        make: (dir) => {
          // Small chunks, so a few hundred bytes already span several rows.
          const pg = createPostgresBlobStore({
            url,
            ...(schema ? { schema } : {}),
            dir,
            drafts: new FsMediaBlobStore(dir),
            chunkBytes: 64,
          });
          pgClosers.push(pg.close);
          return pg.blobs;
        },
        close: async () => {
          for (const close of pgClosers.splice(0)) await close();
          await db.drop();
        },
      };
    },
  ],
];

for (const [name, open] of adapters) {
  describe(`MediaBlobStore on ${name}`, () => {
    let adapter: Adapter;
    let dir: string;
    before(async () => {
      adapter = await open();
      dir = await mkdtemp(join(tmpdir(), 'wagate-blob-'));
    });
    after(async () => {
      await adapter.close();
      await rm(dir, { recursive: true, force: true });
    });

    test('writes, hashes and counts the bytes', async () => {
      const store = adapter.make(join(dir, 'ok'));
      const parts = [Buffer.from('hello '), Buffer.from('world')];
      const draft = await store.write(slow(parts, 5), 100);
      assert.equal(draft.size, 11);
      assert.equal(draft.sha256, sha('hello world'));
      assert.equal((await readFile(draft.path)).toString(), 'hello world');
      await store.discard(draft);
      assert.deepEqual(await readdir(join(dir, 'ok', 'tmp')), []);
    });

    test('past the limit it fails with TooLargeError and leaves no temporary file', async () => {
      const store = adapter.make(join(dir, 'big'));
      await assert.rejects(store.write(slow([Buffer.alloc(60), Buffer.alloc(60)], 5), 100), TooLargeError);
      assert.deepEqual(await readdir(join(dir, 'big', 'tmp')), []);
    });

    test('a disk error while the source is awaited rejects instead of crashing', {
      skip: process.platform !== 'linux',
    }, async () => {
      // tmp/ points at /proc/self, where no file can be created (not even by root): the write
      // stream fails while the source is between chunks.
      const root = join(dir, 'broken');
      await mkdir(root);
      await symlink('/proc/self', join(root, 'tmp'));
      const store = adapter.make(root);
      await assert.rejects(
        store.write(slow([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')], 50), 100),
        (err: NodeJS.ErrnoException) => {
          assert.ok(err.code === 'ENOENT' || err.code === 'EACCES', String(err.code));
          return true;
        },
      );
    });

    test('committed bytes stream back whole, and their local path holds the same bytes', async () => {
      const store = adapter.make(join(dir, 'commit'));
      const bytes = randomBytes(1000); // 16 rows of 64 bytes on PostgreSQL, the last one short
      const draft = await store.write([bytes.subarray(0, 333), bytes.subarray(333)], 10_000);
      const key = await store.commit(draft, newId('med'));
      const stream = await store.open(key);
      assert.ok(stream);
      assert.equal(sha(await readAll(stream)), sha(bytes));
      assert.equal(sha(await readFile(await store.localPath(key))), sha(bytes));
    });

    test('an empty file is stored and read back as empty (not as gone)', async () => {
      const store = adapter.make(join(dir, 'empty'));
      const key = await store.commit(await store.write([], 10), newId('med'));
      const stream = await store.open(key);
      assert.ok(stream, 'an empty file still exists');
      assert.equal((await readAll(stream)).length, 0);
    });

    test('removed bytes are gone; removing again does not throw', async () => {
      const store = adapter.make(join(dir, 'remove'));
      const key = await store.commit(await store.write([Buffer.from('bye')], 10), newId('med'));
      await store.remove(key);
      assert.equal(await store.open(key), null);
      await store.remove(key);
      assert.equal(await store.open('zz/med_never_stored'), null);
    });
  });
}

describe('PgMediaBlobStore across nodes', () => {
  let dir: string;
  let nodeA: PgMediaBlobStore;
  let nodeB: PgMediaBlobStore;
  const closers: Array<() => Promise<void>> = [];
  before(async () => {
    const db = await createTestDatabase('postgres');
    if (db.config.kind !== 'postgres') throw new Error('expected a PostgreSQL test database');
    const store = await createStore(db.config);
    await store.migrate();
    await store.close();
    dir = await mkdtemp(join(tmpdir(), 'wagate-blob-nodes-'));
    const cfg = db.config;
    const make = (name: string) => {
      const pg = createPostgresBlobStore({
        url: cfg.url,
        ...(cfg.schema ? { schema: cfg.schema } : {}),
        dir: join(dir, name),
        drafts: new FsMediaBlobStore(join(dir, name)),
        chunkBytes: 100,
        cacheTtlMs: 60_000,
      });
      closers.push(pg.close);
      return pg.blobs;
    };
    nodeA = make('a');
    nodeB = make('b');
    closers.push(() => db.drop());
  });
  after(async () => {
    for (const close of closers) await close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a file committed on one node is read, and fetched to a local path, on another', async () => {
    const bytes = randomBytes(2_345);
    const key = await nodeA.commit(await nodeA.write([bytes], 10_000), newId('med'));
    const stream = await nodeB.open(key);
    assert.ok(stream);
    assert.equal(sha(await readAll(stream)), sha(bytes));
    // Two sends at once share one fetch; the copy lands in node B's own folder.
    const [p1, p2] = await Promise.all([nodeB.localPath(key), nodeB.localPath(key)]);
    assert.equal(p1, p2);
    assert.ok(p1.startsWith(join(dir, 'b')), p1);
    assert.equal(sha(await readFile(p1)), sha(bytes));
  });

  test('a cached copy unused past the cache TTL is deleted, and fetched again when needed', async () => {
    const bytes = randomBytes(150);
    const key = await nodeA.commit(await nodeA.write([bytes], 10_000), newId('med'));
    const path = await nodeB.localPath(key);
    const old = new Date(Date.now() - 120_000);
    await utimes(path, old, old);
    assert.ok((await nodeB.pruneCache()) >= 1);
    await assert.rejects(readFile(path), { code: 'ENOENT' });
    assert.equal(sha(await readFile(await nodeB.localPath(key))), sha(bytes));
  });

  test('a read that loses the file half-way fails instead of ending short', async () => {
    const key = await nodeA.commit(await nodeA.write([randomBytes(1_000)], 10_000), newId('med'));
    const stream = await nodeB.open(key);
    assert.ok(stream);
    const it = stream[Symbol.asyncIterator]();
    assert.equal(((await it.next()).value as Buffer).length, 100);
    await nodeA.remove(key);
    await assert.rejects(
      (async () => {
        for (;;) if ((await it.next()).done) return;
      })(),
      /deleted while they were read/,
    );
  });

  test('bytes removed by one node (the sweep) are gone for every node', async () => {
    const key = await nodeA.commit(await nodeA.write([Buffer.from('swept')], 100), newId('med'));
    await nodeB.localPath(key);
    await nodeA.remove(key);
    assert.equal(await nodeB.open(key), null);
    assert.equal(await nodeA.open(key), null);
    // Node B's cached copy is not fetched anew (the bytes are gone); a send fails clearly. Its
    // existing copy ages out with the cache TTL.
    await nodeA.remove(key);
    await assert.rejects(nodeA.localPath(key), /gone/);
  });
});
