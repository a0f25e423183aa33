// Media in wagate: files uploaded by clients (POST /v1/media), fetched from URLs for sending, and
// downloaded from inbound messages. Stored under the data dir with an expiry, addressed by an
// unguessable id. The messaging code only needs the two operations of MediaResolver.

import type { Scope } from '../tokens/scope.js';

/** Message kinds that carry a file. */
export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

/** A stored media file. */
export interface StoredMedia {
  /** `med_<32 hex>`. */
  id: string;
  accountId: string;
  /** Checked by magic numbers, never taken from the client's claim alone. */
  mimetype: string;
  size: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
  fileName: string | null;
  createdAt: string;
  expiresAt: string;
}

/** Where a message's media comes from, as the client gave it. */
export type MediaSource = { url: string } | { media_id: string };

export interface MediaResolver {
  /**
   * At accept time: turns a URL (fetched now, with size/time limits and the private-address guard)
   * or an uploaded media id (checked to be visible to the caller: a session key's own session's
   * media, a PAT's account's) into stored media fit for `kind`
   * (type and size limits). Throws InvalidError (400, naming `field`) or a 413-mapped error.
   */
  prepareForSend(scope: Scope, source: MediaSource, kind: MediaKind, field: string): Promise<StoredMedia>;
  /**
   * At send time: the local file path of stored media (the engine streams it), with its type.
   * Media referenced by a queued message must not expire before it is sent: prepareForSend
   * extends the expiry as needed.
   */
  openForEngine(mediaId: string): Promise<{ path: string; mimetype: string; fileName: string | null; size: number }>;
}

// ---- Below: added by H6 (the media implementation). The two MediaResolver methods above keep their meaning.

/** How a stored file came to us. */
export type MediaOrigin = 'upload' | 'url' | 'inbound' | 'decrypt';

/** A stored media row: StoredMedia plus what only the media service needs. */
export interface MediaRecord extends StoredMedia {
  /** Random, unguessable name of the public file URL (`/media/<token>.<ext>`). */
  token: string;
  /** File extension for the public URL and default file names, e.g. `jpg`. */
  ext: string;
  origin: MediaOrigin;
  /** The session it came from (inbound, decrypt) or null. */
  sessionId: string | null;
  /** The stored message it belongs to (inbound media), or null. */
  messageId: string | null;
  /** Where the blob store keeps the bytes (opaque to the core). */
  storageKey: string;
}

/** Media as the API shows it. */
export interface MediaView extends StoredMedia {
  /** The unguessable public URL of the file (no auth needed). */
  url: string;
}
