// Inbound media: after an inbound message with media is stored, its file is downloaded through the
// session's engine (decrypted and verified there), stored as media linked to the message, and
// announced with `messages.media`. It runs beside the message flow, never in front of it: a slow or
// failed download delays nothing and loses no message. Per-session setting `download_media`, checked
// by the runtime host (StoreRuntimeHost) in the transaction that stores the message.
import type { InboundMediaDownload, InboundMessage } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { MediaService } from './media.service.js';
import { MEDIA_KINDS } from './media.types.js';

/** Message kinds that carry a downloadable file: WhatsApp's media types. */
const FILE_KINDS: ReadonlySet<string> = new Set(MEDIA_KINDS);

export interface InboundMediaDeps {
  media: Pick<MediaService, 'storeInbound'>;
  /** Runs the download on the session's live engine (the runtime manager). */
  download: (
    ref: { accountId: string; sessionId: string },
    message: InboundMessage,
  ) => Promise<InboundMediaDownload | null>;
  logger: Logger;
  /** Downloads at once in this process; more wait in line. */
  concurrency?: number;
}

interface Job {
  ref: { accountId: string; sessionId: string };
  stored: { id: string; waId: string; chat: string };
  message: InboundMessage;
}

export class InboundMedia {
  private readonly queue: Job[] = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly deps: InboundMediaDeps) {}

  /** Call after the message row committed, for sessions with download_media on; returns at once. */
  onStored(ref: Job['ref'], stored: Job['stored'], message: InboundMessage): void {
    if (!FILE_KINDS.has(message.kind)) return;
    this.queue.push({ ref, stored, message });
    this.pump();
  }

  /** Resolves when no download is running or waiting (tests, shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < (this.deps.concurrency ?? 4) && this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  private async run({ ref, stored, message }: Job): Promise<void> {
    const log = this.deps.logger.child({ sessionId: ref.sessionId, messageId: stored.id });
    try {
      const download = await this.deps.download(ref, message);
      if (!download) return;
      const media = await this.deps.media.storeInbound(ref, stored, download);
      log.debug({ mediaId: media.id, size: media.size }, 'inbound media stored');
    } catch (err) {
      // The message itself is stored; its media can still be fetched with POST /v1/media/decrypt.
      log.warn({ err }, 'inbound media download failed');
    }
  }
}
