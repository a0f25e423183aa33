// Media bytes in PostgreSQL (cluster mode): every node reads what any node stored. A file is the
// rows of `media_blobs` (migration 0012) under its storage key, numbered chunks of `bytea`, all
// inserted in one transaction, so a reader sees the whole file or nothing; chunk 0 always exists
// (an empty file is one empty chunk), which is how `open` tells "gone" from "empty", and the last
// chunk is marked, so a read that loses the file half-way fails instead of ending short.
//
// Drafts are still written to this node's disk by the disk store (given by src/app): type detection
// reads a file, and a failed upload leaves nothing in the database. After the insert the draft
// becomes this node's cached copy.
// The engine streams from a local path: `localPath` fetches a missing copy into the cache first.
// Cached copies not used for `cacheTtlMs` are deleted; the bytes in the database are deleted by
// the media sweeper through `remove` (which also drops this node's copy; another node's copy of a
// swept file is never opened again, as its row is gone, and ages out).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { BlobDraft, MediaBlobStore } from '../../core/media/media.ports.js';

export interface PgMediaBlobStoreOptions {
  /** Queries run on this pool (its search_path selects the schema with `media_blobs`). */
  pool: pg.Pool;
  /**
   * Writes drafts to this node's disk (the disk store's `write`/`discard`, given by src/app), on
   * the same file system as `dir`: a committed draft is renamed into the cache.
   */
  drafts: Pick<MediaBlobStore, 'write' | 'discard'>;
  /** This node's folder for cached copies (`cache/` under it). */
  dir: string;
  /** Bytes per row (default 1 MiB). */
  chunkBytes?: number;
  /** A cached copy unused this long is deleted (default 1 hour). */
  cacheTtlMs?: number;
}

interface Chunk {
  data: Buffer;
  last: boolean;
}

const KEY_RE = /^[A-Za-z0-9_-]{1,128}$/;
const PRUNE_EVERY_MS = 60_000;

export class PgMediaBlobStore implements MediaBlobStore {
  private readonly drafts: Pick<MediaBlobStore, 'write' | 'discard'>;
  private readonly cacheDir: string;
  private readonly pool: pg.Pool;
  private readonly chunkBytes: number;
  private readonly cacheTtlMs: number;
  /** Copies being fetched, so two sends of one file share one download. */
  private readonly fetching = new Map<string, Promise<string>>();
  private lastPrune = 0;

  constructor(options: PgMediaBlobStoreOptions) {
    this.pool = options.pool;
    this.drafts = options.drafts;
    this.cacheDir = join(options.dir, 'cache');
    this.chunkBytes = options.chunkBytes ?? 1024 * 1024;
    this.cacheTtlMs = options.cacheTtlMs ?? 3_600_000;
  }

  write(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number): Promise<BlobDraft> {
    return this.drafts.write(source, maxBytes);
  }

  discard(draft: BlobDraft): Promise<void> {
    return this.drafts.discard(draft);
  }

  async commit(draft: BlobDraft, mediaId: string): Promise<string> {
    const key = checkKey(mediaId);
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // A retried commit under the same id replaces what an earlier attempt left.
      await client.query('delete from media_blobs where storage_key = $1', [key]);
      let seq = 0;
      for await (const chunk of chunksOf(createReadStream(draft.path), this.chunkBytes)) {
        await client.query('insert into media_blobs (storage_key, seq, data) values ($1, $2, $3)', [key, seq++, chunk]);
      }
      if (seq === 0)
        await client.query('insert into media_blobs (storage_key, seq, data) values ($1, 0, $2)', [
          key,
          Buffer.alloc(0),
        ]);
      await client.query('update media_blobs set last = true where storage_key = $1 and seq = $2', [
        key,
        Math.max(0, seq - 1),
      ]);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    // The uploading node keeps the draft as its cached copy (a send through it reads no database).
    const cached = this.cacheFile(key);
    await mkdir(dirname(cached), { recursive: true });
    await rename(draft.path, cached).catch(() => this.drafts.discard(draft));
    return key;
  }

  async open(storageKey: string): Promise<Readable | null> {
    // A key of another store (a disk key, `ab/<id>`) is not here.
    if (!KEY_RE.test(storageKey)) return null;
    const key = storageKey;
    const first = await this.pool.query<Chunk>(
      'select data, last from media_blobs where storage_key = $1 and seq = 0',
      [key],
    );
    const head = first.rows[0];
    if (!head) return null;
    const pool = this.pool;
    // One chunk per query, pulled as the reader asks (backpressure: a slow client holds no rows).
    async function* chunks(): AsyncGenerator<Buffer> {
      let row: Chunk | undefined = head;
      for (let seq = 1; row; seq++) {
        if (row.data.length > 0) yield row.data;
        if (row.last) return;
        row = (
          await pool.query<Chunk>('select data, last from media_blobs where storage_key = $1 and seq = $2', [key, seq])
        ).rows[0];
      }
      // A chunk before the last one is missing: the sweep deleted the file while it was read.
      throw new Error('the stored bytes were deleted while they were read');
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  localPath(storageKey: string): Promise<string> {
    const key = checkKey(storageKey);
    this.pruneSoon();
    let pending = this.fetching.get(key);
    if (!pending) {
      pending = this.ensureCached(key).finally(() => this.fetching.delete(key));
      this.fetching.set(key, pending);
    }
    return pending;
  }

  async remove(storageKey: string): Promise<void> {
    if (!KEY_RE.test(storageKey)) return;
    await this.pool.query('delete from media_blobs where storage_key = $1', [storageKey]).catch(() => undefined);
    await rm(this.cacheFile(storageKey), { force: true }).catch(() => undefined);
  }

  /** Deletes cached copies unused for the cache TTL; returns how many. */
  async pruneCache(now = Date.now()): Promise<number> {
    let removed = 0;
    const folders = await readdir(this.cacheDir).catch(() => [] as string[]);
    for (const folder of folders) {
      const names = await readdir(join(this.cacheDir, folder)).catch(() => [] as string[]);
      for (const name of names) {
        const file = join(this.cacheDir, folder, name);
        const st = await stat(file).catch(() => null);
        if (st && now - st.mtimeMs > this.cacheTtlMs) {
          await rm(file, { force: true }).catch(() => undefined);
          removed++;
        }
      }
    }
    return removed;
  }

  private async ensureCached(key: string): Promise<string> {
    const file = this.cacheFile(key);
    const now = new Date();
    // A hit counts as a use: the copy stays while it keeps being sent.
    if (
      await utimes(file, now, now).then(
        () => true,
        () => false,
      )
    )
      return file;
    const stream = await this.open(key);
    if (!stream) throw new Error('the stored bytes are gone');
    await mkdir(dirname(file), { recursive: true });
    const part = `${file}.${randomBytes(6).toString('hex')}.part`;
    try {
      await pipeline(stream, createWriteStream(part, { flags: 'wx' }));
      await rename(part, file);
    } catch (err) {
      await rm(part, { force: true });
      throw err;
    }
    return file;
  }

  private pruneSoon(): void {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    void this.pruneCache(now).catch(() => undefined);
  }

  private cacheFile(key: string): string {
    return join(this.cacheDir, key.slice(-2), key);
  }
}

function checkKey(key: string): string {
  if (!KEY_RE.test(key)) throw new Error(`invalid media storage key: ${key}`);
  return key;
}

/** Re-cuts a byte stream into chunks of exactly `size` bytes (the last one shorter). */
async function* chunksOf(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const piece of source) {
    let rest = piece;
    while (held + rest.length >= size) {
      const take = size - held;
      parts.push(rest.subarray(0, take));
      yield Buffer.concat(parts);
      parts = [];
      held = 0;
      rest = rest.subarray(take);
    }
    if (rest.length > 0) {
      parts.push(rest);
      held += rest.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}
