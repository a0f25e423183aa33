// Media: uploads, files fetched from URLs for sends, decrypted WhatsApp media and inbound media all
// end in one place (ingest): bytes streamed to a temporary file under a byte limit, the type decided
// by magic numbers (never by the client's claim alone), the kind's rules applied, then the file
// renamed into place and its row written. Files expire (default 24 h) and a sweep deletes them.
// Public URLs carry a random token, not the id, so they cannot be guessed.
import { randomBytes } from 'node:crypto';
import { newId } from '../../lib/ids.js';
import { decryptMediaStream, MediaIntegrityError, waMediaKeys } from '../../lib/wa-media-crypto.js';
import { InvalidError, NotFoundError, TooLargeError } from '../errors.js';
import type { Outbox } from '../events/outbox.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { InboundMediaDownload } from '../ports/engine.js';
import type { Store } from '../ports/store.js';
import { isVisibleTo, sessionOfScope, type Scope } from '../tokens/scope.js';
import type { MediaBlobStore, MediaFetcher, MediaTypeDetector } from './media.ports.js';
import {
  assertFitsKind,
  categoryOf,
  decideType,
  decodeBase64,
  essence,
  extensionFor,
  MAX_MEDIA_BYTES,
  MEDIA_LIMITS,
  mediaTooLarge,
} from './media.rules.js';
import { StorageQuota } from './storage-quota.js';
import { MediaSweeper } from './media-sweeper.js';
import { decodeBase64Upload } from './base64-upload.js';
import { checkDecryptKeys, plainFileName } from './media-commands.js';
import type {
  DecryptMedia,
  MediaKind,
  MediaOrigin,
  MediaRecord,
  MediaResolver,
  MediaSource,
  MediaView,
  StoredMedia,
  UploadBase64,
} from './media.types.js';

export interface MediaConfig {
  /** How long uploaded/decrypted/inbound files live. */
  ttlMs: number;
  /** Media referenced by a send lives at least this long after it was accepted (queues can wait). */
  sendHoldMs: number;
  /** Bytes of media one account may keep; null = no cap. Inbound media counts but is never refused. */
  accountStorageBytes?: number | null;
  /** Absolute base of public URLs (`https://api.example.com`); null → the caller's origin. */
  publicBaseUrl: string | null;
  /** Base for URLs made outside a request (webhook events) when publicBaseUrl is not set: the listen address. */
  fallbackBaseUrl?: string;
  /** Rows handled per sweep round. */
  sweepBatch?: number;
}

export interface MediaServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'transaction' | 'media'>;
  blobs: MediaBlobStore;
  detector: MediaTypeDetector;
  fetcher: MediaFetcher;
  clock: Clock;
  logger: Logger;
  config: MediaConfig;
  outbox: Pick<Outbox, 'append'>;
}

/** What to ingest: bytes plus what is claimed about them. */
interface IngestInput {
  accountId: string;
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  claimedType: string | null;
  fileName: string | null;
  /** Apply this kind's type rules and size limit; null → the size category of the detected type. */
  kind: MediaKind | null;
  /** true: a claim the bytes contradict is refused (clients); false: the bytes win (WhatsApp, remote servers). */
  strictType: boolean;
  origin: MediaOrigin;
  sessionId?: string | null;
  messageId?: string | null;
  ttlMs: number;
  field: string;
}

/** Where the bytes of a raw upload come from (the HTTP body). */
export interface RawUpload {
  body: AsyncIterable<Uint8Array>;
  contentType: string | null;
  fileName?: string | null;
  /** Content-Length when the client sent one: refused early when over the limit. */
  declaredLength?: number | null;
}

const WA_MEDIA_HOST = 'https://mmg.whatsapp.net';

export class MediaService implements MediaResolver {
  /** Deletes expired media on an interval (start/stop it from the app). */
  readonly sweeper: MediaSweeper;

  private readonly quota: StorageQuota;

  constructor(private readonly deps: MediaServiceDeps) {
    this.quota = new StorageQuota(deps.store.media, deps.config.accountStorageBytes ?? null);
    this.sweeper = new MediaSweeper({ ...deps, batch: deps.config.sweepBatch ?? 500 });
  }

  private nowMs(): number {
    return this.deps.clock.now().getTime();
  }

  // ---- uploads ------------------------------------------------------------------------------

  /** `POST /v1/media` with the file as the body; the Content-Type is the claim checked against the bytes. */
  async uploadRaw(scope: Scope, upload: RawUpload): Promise<MediaRecord> {
    if (upload.declaredLength && upload.declaredLength > MAX_MEDIA_BYTES) throw mediaTooLarge('body', MAX_MEDIA_BYTES);
    if (upload.declaredLength && upload.declaredLength > (await this.quota.room(scope.accountId)))
      throw this.quota.exceeded('body');
    const fileName = upload.fileName ? plainFileName(upload.fileName) : null;
    return this.ingest({
      accountId: scope.accountId,
      sessionId: sessionOfScope(scope),
      source: upload.body,
      claimedType: upload.contentType,
      fileName,
      kind: null,
      strictType: true,
      origin: 'upload',
      ttlMs: this.deps.config.ttlMs,
      field: 'body',
    });
  }

  /** `POST /v1/media` with `{base64, mimetype?, file_name?}`; a data URL's type is the claim unless `mimetype` is given. */
  async uploadBase64(scope: Scope, data: UploadBase64): Promise<MediaRecord> {
    const { chunks, dataUrlType } = decodeBase64Upload(data.base64, MAX_MEDIA_BYTES);
    const claimed = data.mimetype ?? dataUrlType;
    return this.ingest({
      accountId: scope.accountId,
      sessionId: sessionOfScope(scope),
      source: chunks,
      claimedType: claimed,
      fileName: data.fileName === undefined ? null : plainFileName(data.fileName),
      kind: null,
      strictType: true,
      origin: 'upload',
      ttlMs: this.deps.config.ttlMs,
      field: data.mimetype ? 'mimetype' : 'base64',
    });
  }

  /** Metadata of media visible to the caller (404 when expired, unknown, or another session's for a session key). */
  async get(scope: Scope, id: string): Promise<MediaRecord> {
    const m = await this.deps.store.media.findById(scope.accountId, id);
    if (!m || this.expired(m) || !isVisibleTo(scope, m))
      throw new NotFoundError('MEDIA_NOT_FOUND', `Media ${id} not found (it may have expired)`);
    return m;
  }

  /**
   * The bytes of an uploaded image the caller may use (a profile picture): 404 when not visible,
   * 400 naming `field` when it is not a JPEG or PNG or is larger than `maxBytes`.
   */
  async readImage(scope: Scope, id: string, field: string, maxBytes: number): Promise<Buffer> {
    const m = await this.get(scope, id);
    if (m.mimetype !== 'image/jpeg' && m.mimetype !== 'image/png')
      throw new InvalidError(`${field}: media ${id} is ${m.mimetype}, not a JPEG or PNG`, { field });
    if (m.size > maxBytes) throw new InvalidError(`${field}: media ${id} is larger than ${maxBytes} bytes`, { field });
    const stream = await this.deps.blobs.open(m.storageKey);
    if (!stream) throw new NotFoundError('MEDIA_NOT_FOUND', `Media ${id} not found (it may have expired)`);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  /**
   * The bytes of an image fetched from a client's URL (a profile or group picture), through the same
   * guarded fetcher and checks as a media URL of a send: 400 naming `<field>.url` when it is not a
   * JPEG or PNG or is larger than `maxBytes`; the fetched copy expires like a send's.
   */
  async readImageFromUrl(scope: Scope, url: string, field: string, maxBytes: number): Promise<Buffer> {
    const m = await this.prepareForSend(scope, { url }, 'image', field);
    return this.readImage(scope, m.id, `${field}.url`, maxBytes);
  }

  /**
   * The bytes of an account's stored media when at most `maxBytes` (else null): for event
   * formatters that carry media inline (the whatsapp-web.js `media` callback), on the system side
   * for the event's own account.
   */
  async bytesForEvent(accountId: string, id: string, maxBytes: number): Promise<Buffer | null> {
    const m = await this.deps.store.media.findById(accountId, id);
    if (!m || this.expired(m) || m.size > maxBytes) return null;
    const stream = await this.deps.blobs.open(m.storageKey);
    if (!stream) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  /** The file behind a public URL's last segment (`<token>.<ext>`); the token is the credential. */
  async openPublic(file: string): Promise<{ media: MediaRecord; stream: AsyncIterable<Uint8Array> }> {
    const token = file.split('.')[0] ?? '';
    const m = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await this.deps.store.media.findByToken(token) : null;
    const stream = m && !this.expired(m) ? await this.deps.blobs.open(m.storageKey) : null;
    if (!m || !stream) throw new NotFoundError('MEDIA_NOT_FOUND', 'No such media file (it may have expired)');
    return { media: m, stream };
  }

  /** The API view: metadata plus the public URL (absolute with the configured base, else `origin`). */
  view(m: MediaRecord, origin?: string | null): MediaView {
    const base = (this.deps.config.publicBaseUrl ?? origin ?? this.deps.config.fallbackBaseUrl ?? '').replace(
      /\/+$/,
      '',
    );
    const media: StoredMedia = {
      id: m.id,
      accountId: m.accountId,
      mimetype: m.mimetype,
      size: m.size,
      sha256: m.sha256,
      fileName: m.fileName,
      createdAt: m.createdAt,
      expiresAt: m.expiresAt,
    };
    return { ...media, url: `${base}/media/${m.token}.${m.ext}` };
  }

  // ---- MediaResolver (the send path) -----------------------------------------------------------

  async prepareForSend(scope: Scope, source: MediaSource, kind: MediaKind, field: string): Promise<StoredMedia> {
    const holdUntil = new Date(this.nowMs() + this.deps.config.sendHoldMs).toISOString();
    if ('mediaId' in source) {
      const f = `${field}.mediaId`;
      const m = await this.deps.store.media.findById(scope.accountId, source.mediaId);
      if (!m || this.expired(m) || !isVisibleTo(scope, m))
        throw new NotFoundError('MEDIA_NOT_FOUND', `${f}: media ${source.mediaId} not found (it may have expired)`, {
          field: f,
        });
      assertFitsKind(m.mimetype, m.size, kind, f);
      await this.deps.store.media.extendExpiry(m.id, holdUntil);
      return { ...m, expiresAt: holdUntil > m.expiresAt ? holdUntil : m.expiresAt };
    }
    const f = `${field}.url`;
    const fetched = await this.deps.fetcher.fetch(source.url, { maxBytes: MEDIA_LIMITS[kind], field: f });
    return this.ingest({
      accountId: scope.accountId,
      sessionId: sessionOfScope(scope),
      source: fetched.body,
      claimedType: fetched.contentType,
      fileName: fetched.fileName,
      kind,
      strictType: false,
      origin: 'url',
      ttlMs: this.deps.config.sendHoldMs,
      field: f,
    });
  }

  async openForEngine(
    mediaId: string,
  ): Promise<{ path: string; mimetype: string; fileName: string | null; size: number }> {
    const m = await this.deps.store.media.findByIdInternal(mediaId);
    if (!m) throw new NotFoundError('MEDIA_NOT_FOUND', `Media ${mediaId} is gone (expired before it was sent)`);
    return {
      path: await this.deps.blobs.localPath(m.storageKey),
      mimetype: m.mimetype,
      fileName: m.fileName,
      size: m.size,
    };
  }

  // ---- WhatsApp media --------------------------------------------------------------------------

  /**
   * A seed's decrypt-media in canonical form: downloads the encrypted file of a media message,
   * decrypts it, checks MAC and hashes, stores it. The download goes through the same guarded
   * fetcher as media URLs.
   */
  async decrypt(scope: Scope, d: DecryptMedia): Promise<MediaRecord> {
    checkDecryptKeys(d);
    const url = d.url ?? `${WA_MEDIA_HOST}${d.directPath ?? ''}`;
    const field = d.url ? 'url' : 'directPath';
    // The encrypted body is the padded file plus a 10-byte MAC.
    const limit = MEDIA_LIMITS[d.type];
    const fetched = await this.deps.fetcher.fetch(url, { maxBytes: limit + 32, field });
    const plain = decryptMediaStream(fetched.body, waMediaKeys(decodeBase64(d.mediaKey), d.type), {
      fileSha256: d.fileSha256 ? decodeBase64(d.fileSha256) : null,
      fileEncSha256: d.fileEncSha256 ? decodeBase64(d.fileEncSha256) : null,
    });
    return this.ingest({
      accountId: scope.accountId,
      source: plain,
      claimedType: d.mimetype ?? null,
      fileName: d.fileName === undefined ? null : plainFileName(d.fileName),
      kind: null,
      strictType: false,
      origin: 'decrypt',
      sessionId: sessionOfScope(scope),
      ttlMs: this.deps.config.ttlMs,
      field,
    });
  }

  /**
   * Stores the decrypted media of an inbound message (the engine verified it) and links it to the
   * stored message; appends `messages.media` with the public URL in the same transaction.
   */
  async storeInbound(
    ref: { accountId: string; sessionId: string },
    message: { id: string; waId: string; chat: string },
    download: InboundMediaDownload,
  ): Promise<MediaRecord> {
    return this.ingest(
      {
        accountId: ref.accountId,
        source: download.stream,
        claimedType: download.mimetype,
        fileName: download.fileName,
        kind: null,
        strictType: false,
        origin: 'inbound',
        sessionId: ref.sessionId,
        messageId: message.id,
        ttlMs: this.deps.config.ttlMs,
        field: 'media',
        // The event goes out with the row: a receiver never hears of media that is not there yet.
      },
      async (tx, m) => {
        await this.deps.outbox.append(tx, {
          type: 'messages.media',
          account_id: ref.accountId,
          session_id: ref.sessionId,
          payload: {
            wa_id: message.waId,
            chat: message.chat,
            mimetype: m.mimetype,
            size: m.size,
            url: this.view(m).url,
            message_id: message.id,
            media_id: m.id,
            sha256: m.sha256,
            file_name: m.fileName,
          },
        });
      },
    );
  }

  /** Media stored for a message (inbound media) that the caller may see, newest first. */
  async forMessage(scope: Scope, messageId: string): Promise<MediaRecord[]> {
    return (await this.deps.store.media.listForMessage(messageId)).filter(
      (m) => isVisibleTo(scope, m) && !this.expired(m),
    );
  }

  // ---- expiry (media-sweeper.ts) -------------------------------------------------------------

  /** Deletes expired files and rows now; returns how many. */
  sweepExpired(): Promise<number> {
    return this.sweeper.sweepExpired();
  }

  // ---- the one way in --------------------------------------------------------------------------

  private async ingest(
    input: IngestInput,
    inTx?: (tx: Parameters<Parameters<Store['transaction']>[0]>[0], m: MediaRecord) => Promise<void>,
  ): Promise<MediaRecord> {
    const max = input.kind ? MEDIA_LIMITS[input.kind] : MAX_MEDIA_BYTES;
    // The quota bounds the write itself: an upload stops at the account's remaining room, so no
    // file over it lands on disk (uploads running at once can each use that room: at most
    // WAGATE_UPLOADS_MAX_IN_FLIGHT_PER_ACCOUNT times the largest file over it).
    const room = input.origin === 'inbound' ? Infinity : await this.quota.room(input.accountId);
    if (room <= 0) throw this.quota.exceeded(input.field);
    let draft;
    try {
      draft = await this.deps.blobs.write(input.source, Math.min(max, room));
    } catch (err) {
      if (err instanceof TooLargeError)
        throw room < max ? this.quota.exceeded(input.field) : mediaTooLarge(input.field, max);
      if (err instanceof MediaIntegrityError)
        throw new InvalidError(`${input.field}: ${err.message}`, {
          code: 'MEDIA_INTEGRITY_FAILED',
          field: input.field,
          cause: err,
        });
      throw err;
    }
    try {
      if (draft.size === 0)
        throw new InvalidError(`${input.field}: the file is empty`, { code: 'MEDIA_EMPTY', field: input.field });
      const detected = await this.deps.detector.detect(draft.path);
      const decision = decideType(detected?.mimetype ?? null, input.claimedType);
      let mimetype: string;
      if (decision.ok) mimetype = decision.mimetype;
      else if (input.strictType)
        throw new InvalidError(`${input.field}: ${decision.reason}`, {
          code: 'MEDIA_TYPE_MISMATCH',
          field: input.field,
        });
      else mimetype = detected?.mimetype ?? 'application/octet-stream';
      const kind = input.kind ?? categoryOf(mimetype);
      assertFitsKind(mimetype, draft.size, kind, input.field, input.kind !== null);
      const id = newId('med');
      const ext = extensionFor(
        mimetype,
        detected && essence(detected.mimetype) === essence(mimetype) ? detected.ext : null,
      );
      const now = this.nowMs();
      const record: MediaRecord = {
        id,
        accountId: input.accountId,
        sessionId: input.sessionId ?? null,
        messageId: input.messageId ?? null,
        token: randomBytes(24).toString('base64url'),
        mimetype,
        ext,
        size: draft.size,
        sha256: draft.sha256,
        fileName: input.fileName,
        origin: input.origin,
        storageKey: '',
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + input.ttlMs).toISOString(),
      };
      record.storageKey = await this.deps.blobs.commit(draft, id);
      try {
        await this.deps.store.transaction(async (tx) => {
          await tx.media.insert(record);
          await inTx?.(tx, record);
        });
      } catch (err) {
        await this.deps.blobs.remove(record.storageKey);
        throw err;
      }
      return record;
    } catch (err) {
      await this.deps.blobs.discard(draft);
      throw err;
    }
  }

  /** Past its expiry: the same test as the sweep's (expires_at < now). */
  private expired(m: MediaRecord): boolean {
    return m.expiresAt < this.deps.clock.now().toISOString();
  }
}
