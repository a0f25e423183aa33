// Wiring of media: bytes on disk or in PostgreSQL (media-blobs.ts), type detection, the guarded URL fetcher, the media
// service (also the MediaResolver of the send path) and its expiry sweep. container.ts calls
// createMedia once, starts it with the server and stops it on close.
import { UndiciMediaFetcher } from '../adapters/http-media/index.js';
import { FileTypeDetector } from '../adapters/media-files/index.js';
import type { Outbox } from '../core/events/outbox.js';
import { InboundMedia } from '../core/media/inbound-media.js';
import { MediaService } from '../core/media/media.service.js';
import type { InboundMediaDownload, InboundMessage } from '../core/ports/engine.js';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import type { Store } from '../core/ports/store.js';
import type { DatabaseConfig } from './config.js';
import { createMediaBlobs } from './media-blobs.js';
import type { MediaAppConfig } from './media-config.js';

export interface MediaWiring {
  service: MediaService;
  /** Downloads the media of stored inbound messages (the runtime host's onInboundStored). */
  inbound: InboundMedia;
  /**
   * Gives inbound media its downloader (the session router's, on the live engine). Wired once, after
   * the runtimes exist: the receive path that needs it is built from this media wiring.
   */
  useDownloads(download: InboundDownload): void;
  /** Starts the expiry sweep. */
  start(): void;
  /** Stops the sweep, lets inbound downloads finish (briefly), closes the fetcher's connections. */
  stop(): Promise<void>;
}

export interface MediaWiringDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  config: MediaAppConfig;
  /** The database of the rest of the state (the PostgreSQL blob store uses it). */
  database: DatabaseConfig;
  /** Cluster mode keeps media in PostgreSQL unless WAGATE_MEDIA_STORE says otherwise. */
  mode: 'single' | 'cluster';
  /** The server's listen address, the base of public URLs in events when WAGATE_PUBLIC_URL is unset. */
  listen: { host: string; port: number };
  allowPrivateUrls: boolean;
  /** Bytes of media one account may keep (null = no cap). */
  accountStorageBytes?: number | null;
  outbox: Pick<Outbox, 'append'>;
  /** Extra CA certificates for media downloads (the simulator's media host). */
  extraCaPem?: string[];
}

export type InboundDownload = (
  ref: { accountId: string; sessionId: string },
  message: InboundMessage,
) => Promise<InboundMediaDownload | null>;

/** How long a stop waits for inbound downloads in flight. */
const STOP_GRACE_MS = 10_000;

export function createMedia(deps: MediaWiringDeps): MediaWiring {
  const fetcher = new UndiciMediaFetcher({
    allowPrivateUrls: deps.allowPrivateUrls,
    timeoutMs: deps.config.fetchTimeoutMs,
    ...(deps.extraCaPem ? { extraCaPem: deps.extraCaPem } : {}),
  });
  const blobs = createMediaBlobs({
    store: deps.config.store,
    mode: deps.mode,
    database: deps.database,
    dataDir: deps.dataDir,
  });
  const service = new MediaService({
    store: deps.store,
    blobs: blobs.blobs,
    detector: new FileTypeDetector(),
    fetcher,
    clock: deps.clock,
    logger: deps.logger.child({ component: 'media' }),
    config: {
      ttlMs: deps.config.ttlMs,
      sendHoldMs: deps.config.sendHoldMs,
      publicBaseUrl: deps.config.publicBaseUrl,
      accountStorageBytes: deps.accountStorageBytes ?? null,
      fallbackBaseUrl: `http://${['0.0.0.0', '::'].includes(deps.listen.host) ? '127.0.0.1' : deps.listen.host}:${deps.listen.port}`,
    },
    outbox: deps.outbox,
  });
  // Until useDownloads is called (before the server starts) there is no engine to download from.
  let download: InboundDownload = () => Promise.resolve(null);
  const inbound = new InboundMedia({
    media: service,
    logger: deps.logger.child({ component: 'inbound-media' }),
    download: (ref, message) => download(ref, message),
  });
  let stopped: Promise<void> | undefined;
  return {
    service,
    inbound,
    useDownloads: (fn) => {
      download = fn;
    },
    start: () => service.sweeper.start(deps.config.sweepIntervalMs),
    stop: () =>
      (stopped ??= (async () => {
        await service.sweeper.stop();
        await Promise.race([inbound.idle(), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
        await fetcher.close();
        await blobs.close();
      })()),
  };
}
