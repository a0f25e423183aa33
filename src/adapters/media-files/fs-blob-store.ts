// Media bytes on the local disk under <data dir>/media/: written to a temporary name (hashing and
// counting as they arrive, stopping past the limit), fsynced, then renamed into place, so a crash
// never leaves a half-written file under a media id. Files are spread over 256 folders by the last
// two hex digits of the id (random part) to keep directories small.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TooLargeError } from '../../core/errors.js';
import type { BlobDraft, MediaBlobStore } from '../../core/media/media.ports.js';
import { formatLimit } from '../../core/media/media.rules.js';

export class FsMediaBlobStore implements MediaBlobStore {
  private readonly tmpDir: string;

  constructor(private readonly root: string) {
    this.tmpDir = join(root, 'tmp');
  }

  async write(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number): Promise<BlobDraft> {
    await mkdir(this.tmpDir, { recursive: true });
    const path = join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    // Hashes and counts on the way through; past the limit it fails the whole pipeline.
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(
            new TooLargeError('MEDIA_TOO_LARGE', `The file is larger than the limit of ${formatLimit(maxBytes)}`, {
              context: { limit: maxBytes },
            }),
          );
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      // pipeline, not a hand-written loop: an error on any side (a disk write failing with
      // ENOSPC/EIO while the source is awaited included) rejects here instead of crashing the process.
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
      return { path, size, sha256: hash.digest('hex') };
    } catch (err) {
      // Stop the source too (an HTTP body or a fetch): nobody will read the rest.
      const stream = source as { destroy?: () => void; on?: (event: 'error', fn: () => void) => void };
      stream.on?.('error', () => undefined);
      stream.destroy?.();
      await rm(path, { force: true });
      throw err;
    }
  }

  async commit(draft: BlobDraft, mediaId: string): Promise<string> {
    const key = join(mediaId.slice(-2), mediaId);
    const target = this.fileOf(key);
    await mkdir(dirname(target), { recursive: true });
    const fh = await open(draft.path, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(draft.path, target);
    return key;
  }

  async discard(draft: BlobDraft): Promise<void> {
    await rm(draft.path, { force: true }).catch(() => undefined);
  }

  localPath(storageKey: string): Promise<string> {
    return Promise.resolve(this.fileOf(storageKey));
  }

  private fileOf(storageKey: string): string {
    return join(this.root, storageKey);
  }

  async open(storageKey: string): Promise<Readable | null> {
    const stream = createReadStream(this.fileOf(storageKey));
    try {
      await once(stream, 'open');
      return stream;
    } catch {
      stream.destroy();
      return null;
    }
  }

  async remove(storageKey: string): Promise<void> {
    await rm(this.fileOf(storageKey), { force: true }).catch(() => undefined);
  }
}
