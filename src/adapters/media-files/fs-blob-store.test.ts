// FsMediaBlobStore.write: hashes and counts, stops past the limit, and turns a disk error that
// happens while the source is still producing into a rejected promise (not a process crash).
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { TooLargeError } from '../../core/errors.js';
import { FsMediaBlobStore } from './fs-blob-store.js';

async function* slow(chunks: Buffer[], gapMs: number): AsyncGenerator<Buffer> {
  for (const c of chunks) {
    yield c;
    await sleep(gapMs);
  }
}

describe('FsMediaBlobStore.write', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wagate-blob-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writes, hashes and counts the bytes', async () => {
    const store = new FsMediaBlobStore(join(dir, 'ok'));
    const parts = [Buffer.from('hello '), Buffer.from('world')];
    const draft = await store.write(slow(parts, 5), 100);
    assert.equal(draft.size, 11);
    assert.equal(draft.sha256, createHash('sha256').update('hello world').digest('hex'));
    assert.equal((await readFile(draft.path)).toString(), 'hello world');
    await store.discard(draft);
  });

  test('past the limit it fails with TooLargeError and leaves no temporary file', async () => {
    const store = new FsMediaBlobStore(join(dir, 'big'));
    await assert.rejects(store.write(slow([Buffer.alloc(60), Buffer.alloc(60)], 5), 100), TooLargeError);
    assert.deepEqual(await readdir(join(dir, 'big', 'tmp')), []);
  });

  test('a disk error while the source is awaited rejects instead of crashing', {
    skip: process.platform !== 'linux',
  }, async () => {
    // tmp/ points at /proc/self, where no file can be created (not even by root): the write
    // stream fails while the source is between chunks.
    const root = join(dir, 'broken');
    await rm(root, { recursive: true, force: true });
    await mkdir(root);
    await symlink('/proc/self', join(root, 'tmp'));
    const store = new FsMediaBlobStore(root);
    await assert.rejects(
      store.write(slow([Buffer.from('a'), Buffer.from('b'), Buffer.from('c')], 50), 100),
      (err: NodeJS.ErrnoException) => {
        assert.ok(err.code === 'ENOENT' || err.code === 'EACCES', String(err.code));
        return true;
      },
    );
  });
});
