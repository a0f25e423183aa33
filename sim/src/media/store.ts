/**
 * The media host's blobs: opaque uploaded files (ciphertext + MAC), addressed by a direct path of
 * WhatsApp's shape. Kept in memory (bounded: oldest dropped first), and with a data dir also written
 * to `<dir>/<id>.enc`, so media of messages sent before a restart still downloads after it.
 */
import { createHash, randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path prefix per upload type, like WhatsApp's CDN (`/v/t62.<n>-24/…`); only the shape matters. */
const PREFIX: Record<string, string> = {
  image: 't62.7118-24',
  video: 't62.7161-24',
  audio: 't62.7117-24',
  document: 't62.7119-24',
  sticker: 't62.15575-24',
};

const ID = /\/v\/t62\.\d+-24\/(\d+_\d+_n)\.enc/;

export interface StoredMedia {
  url: string;
  direct_path: string;
}

export class MediaStore {
  private readonly blobs = new Map<string, Buffer>();
  private memoryBytes = 0;
  /** `127.0.0.1:PORT`, set once the HTTPS host listens; media_conn and urls use it. */
  hostname = '';

  constructor(
    /** The token media_conn hands out and uploads must carry (stable per data dir). */
    readonly auth: string,
    private readonly dir?: string,
    private readonly maxMemoryBytes = 256 * 1024 * 1024,
  ) {
    if (dir) mkdirSync(dir, { recursive: true });
  }

  /** Stores an uploaded file; `type` is the upload path's media type (`image`, `document`, …). */
  put(type: string, bytes: Uint8Array): StoredMedia {
    const id = `${randomInt(1e8, 1e9)}${randomInt(1e6, 1e7)}_${randomInt(1e8, 1e9)}_n`;
    const buf = Buffer.from(bytes);
    if (this.dir) writeFileSync(join(this.dir, `${id}.enc`), buf);
    this.keep(id, buf);
    const oh = createHash('sha256').update(id).digest('hex').slice(0, 32);
    const oe = Math.floor(Date.now() / 1000 + 30 * 86400)
      .toString(16)
      .toUpperCase();
    const direct_path = `/v/${PREFIX[type] ?? PREFIX.document}/${id}.enc?ccb=11-4&oh=01_${oh}&oe=${oe}&_nc_sid=5e03e0`;
    return { url: `https://${this.hostname}${direct_path}&mms3=true`, direct_path };
  }

  /** The file behind a direct path or full url (any host); undefined when unknown. */
  get(pathOrUrl: string): Buffer | undefined {
    const id = ID.exec(pathOrUrl)?.[1];
    if (!id) return undefined;
    const hit = this.blobs.get(id);
    if (hit || !this.dir) return hit;
    try {
      const buf = readFileSync(join(this.dir, `${id}.enc`));
      this.keep(id, buf);
      return buf;
    } catch {
      return undefined;
    }
  }

  private keep(id: string, buf: Buffer): void {
    this.blobs.set(id, buf);
    this.memoryBytes += buf.length;
    for (const [old, b] of this.blobs) {
      if (this.memoryBytes <= this.maxMemoryBytes || old === id) break;
      this.blobs.delete(old);
      this.memoryBytes -= b.length;
    }
  }
}
