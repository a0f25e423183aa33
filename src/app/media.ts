// Wiring of media: files under <data dir>/media, type detection, the guarded URL fetcher, the media
// service (also the MediaResolver of the send path) and its expiry sweep. container.ts calls
// createMedia once, starts it with the server and stops it on close.
import { join } from 'node:path';
import { UndiciMediaFetcher } from '../adapters/http-media/index.js';
import { FileTypeDetector, FsMediaBlobStore } from '../adapters/media-files/index.js';
import type { Outbox } from '../core/events/outbox.js';
import { MediaService } from '../core/media/media.service.js';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import type { Store } from '../core/ports/store.js';
import type { MediaAppConfig } from './media-config.js';

export interface MediaWiring {
  service: MediaService;
  /** Starts the expiry sweep. */
  start(): void;
  /** Stops the sweep and closes the fetcher's connections. */
  stop(): Promise<void>;
}

export interface MediaWiringDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  config: MediaAppConfig;
  allowPrivateUrls: boolean;
  outbox?: Pick<Outbox, 'append'>;
  /** Extra CA certificates for media downloads (the simulator's media host). */
  extraCaPem?: string[];
}

export function createMedia(deps: MediaWiringDeps): MediaWiring {
  const fetcher = new UndiciMediaFetcher({
    allowPrivateUrls: deps.allowPrivateUrls,
    timeoutMs: deps.config.fetchTimeoutMs,
    ...(deps.extraCaPem ? { extraCaPem: deps.extraCaPem } : {}),
  });
  const service = new MediaService({
    store: deps.store,
    blobs: new FsMediaBlobStore(join(deps.dataDir, 'media')),
    detector: new FileTypeDetector(),
    fetcher,
    clock: deps.clock,
    logger: deps.logger.child({ component: 'media' }),
    config: { ttlMs: deps.config.ttlMs, sendHoldMs: deps.config.sendHoldMs, publicBaseUrl: deps.config.publicBaseUrl },
    ...(deps.outbox ? { outbox: deps.outbox } : {}),
  });
  let stopped: Promise<void> | undefined;
  return {
    service,
    start: () => service.startSweeper(deps.config.sweepIntervalMs),
    stop: () =>
      (stopped ??= (async () => {
        await service.stopSweeper();
        await fetcher.close();
      })()),
  };
}
