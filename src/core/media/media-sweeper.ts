// Media expiry: a sweep deletes every expired row and its file, on an interval while the server
// runs. Split from the media service, which only decides expiry times.
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { MediaBlobStore } from './media.ports.js';

export interface MediaSweeperDeps {
  store: Pick<Store, 'media'>;
  blobs: Pick<MediaBlobStore, 'remove'>;
  clock: Clock;
  logger: Logger;
  /** Rows handled per round. */
  batch: number;
}

export class MediaSweeper {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<number> | null = null;

  constructor(private readonly deps: MediaSweeperDeps) {}

  /** Deletes expired files and rows; returns how many. Safe to run concurrently with everything. */
  async sweepExpired(): Promise<number> {
    this.sweeping ??= (async () => {
      let total = 0;
      for (;;) {
        const now = this.deps.clock.now().toISOString();
        const due = await this.deps.store.media.listExpired(now, this.deps.batch);
        for (const m of due) {
          // Row first: a crash in between leaves an orphan file (harmless), never a row without bytes.
          // Only while still expired: a send that extended it since the listing keeps row and file.
          if (!(await this.deps.store.media.deleteIfExpired(m.id, now))) continue;
          await this.deps.blobs.remove(m.storageKey);
          total++;
        }
        if (due.length < this.deps.batch) return total;
      }
    })().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /** Runs the sweep every `intervalMs` until stop(). */
  start(intervalMs: number): void {
    if (this.timer) return;
    const run = () => {
      this.sweepExpired().then(
        (n) => n > 0 && this.deps.logger.info({ deleted: n }, 'expired media deleted'),
        (err: unknown) => this.deps.logger.error({ err }, 'media sweep failed'),
      );
    };
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping?.catch(() => undefined);
  }
}
