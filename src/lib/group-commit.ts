// Group commit: writes submitted while a batch is being committed are gathered and committed
// together in the next batch, so one transaction (and one WAL write of the shared index pages)
// serves many requests. Each caller is answered only after its batch has committed. PERFORMANCE.md
// measured one transaction per request at a fraction of what this machine can accept durably.

export interface GroupCommitOptions {
  /** Largest batch; more waiting writes go into the following batch. */
  maxBatch: number;
}

export class GroupCommitter<In, Out> {
  private queue: Array<{ item: In; resolve: (out: Out) => void; reject: (err: unknown) => void }> = [];
  private running = false;

  /**
   * `commitBatch` writes all items in one transaction and returns one result per item, in order. If
   * it throws, each item of that batch is retried alone, so one bad item cannot fail the others.
   */
  constructor(
    private readonly commitBatch: (items: In[]) => Promise<Out[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // setImmediate: every request parsed in this event-loop turn joins the same batch.
      if (!this.running) setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        try {
          const results = await this.commitBatch(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(results[i] as Out));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]!.reject(err);
            continue;
          }
          for (const b of batch) {
            await this.commitBatch([b.item]).then(
              (results) => b.resolve(results[0] as Out),
              (e: unknown) => b.reject(e),
            );
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}
