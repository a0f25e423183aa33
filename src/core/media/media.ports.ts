// Ports the media service depends on: rows in the store, bytes on disk or in PostgreSQL, type
// detection by magic numbers, and fetching a remote URL. Implemented in adapters/kysely,
// adapters/media-files, adapters/pg-blob-store and adapters/http-media; the core never touches fs,
// pg, file-type or undici itself.
import type { Readable } from 'node:stream';
import type { MediaRecord } from './media.types.js';

export interface MediaRepository {
  insert(media: MediaRecord): Promise<void>;
  /** The media if it belongs to the account (expired or not). */
  findById(accountId: string, id: string): Promise<MediaRecord | null>;
  /** By id without an account filter: only for the send path, which got the id from its own queue. */
  findByIdInternal(id: string): Promise<MediaRecord | null>;
  /** By the public URL's token (the token is the credential). */
  findByToken(token: string): Promise<MediaRecord | null>;
  /** Bytes of media the account has stored (expired rows not yet swept included). */
  totalBytes(accountId: string): Promise<number>;
  /** Media stored for a message (inbound media), newest first. */
  listForMessage(messageId: string): Promise<MediaRecord[]>;
  /** Moves the expiry later (never earlier). */
  extendExpiry(id: string, expiresAt: string): Promise<void>;
  /** Rows whose expiry is before `now`, oldest expiry first. */
  listExpired(now: string, limit: number): Promise<MediaRecord[]>;
  /**
   * Deletes the row only if its expiry is still before `now` (a send may have extended it since it
   * was listed); true when a row was deleted.
   */
  deleteIfExpired(id: string, now: string): Promise<boolean>;
}

/** Bytes written to a temporary file, not yet visible under a media id. */
export interface BlobDraft {
  /** Absolute path of the temporary file (type detection reads it). */
  path: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

export interface MediaBlobStore {
  /**
   * Streams `source` to a temporary file, hashing it; fails with TooLargeError (code
   * MEDIA_TOO_LARGE) as soon as more than `maxBytes` arrive, leaving nothing behind.
   */
  write(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number): Promise<BlobDraft>;
  /** Makes the draft durable under the media id (fsync + rename, or a database write); returns the storage key. */
  commit(draft: BlobDraft, mediaId: string): Promise<string>;
  /** Deletes a draft that will not be committed. Never throws. */
  discard(draft: BlobDraft): Promise<void>;
  /**
   * An absolute local path of committed bytes (the engine streams from it). On shared storage a
   * copy fetched into this node's cache on first use; throws when the bytes are gone.
   */
  localPath(storageKey: string): Promise<string>;
  /** A read stream of committed bytes; null when they are gone. */
  open(storageKey: string): Promise<Readable | null>;
  /** Deletes committed bytes. Never throws when already gone. */
  remove(storageKey: string): Promise<void>;
}

export interface MediaTypeDetector {
  /** The type the file's magic numbers show, or null when no signature matches (e.g. plain text). */
  detect(path: string): Promise<{ mimetype: string; ext: string } | null>;
}

export interface FetchedMedia {
  body: AsyncIterable<Uint8Array>;
  /** The Content-Type the server sent, if any. */
  contentType: string | null;
  /** A file name from Content-Disposition or the URL's last path segment. */
  fileName: string | null;
}

export interface MediaFetcher {
  /**
   * GETs a URL given by a client: http(s) only, bounded redirects, a time limit, and (unless the
   * operator allows private URLs) no private/loopback/link-local address, checked after DNS at
   * connect time. Throws InvalidError URL_NOT_ALLOWED, TooLargeError MEDIA_TOO_LARGE (when the
   * announced length is over `maxBytes`), or UpstreamError MEDIA_FETCH_FAILED. The body must be
   * read or destroyed by the caller; its reading also stops at the time limit.
   */
  fetch(url: string, options: { maxBytes: number; field: string }): Promise<FetchedMedia>;
}
