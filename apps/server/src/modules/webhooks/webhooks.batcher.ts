/**
 * Group commit: concurrent callers queue their items; one writer takes everything queued
 * (up to `maxBatch`) and writes it in a single transaction, then settles every caller's
 * promise together. While a flush runs, new items wait for the next one, so under load the
 * batches grow by themselves and throughput no longer depends on one fsync per request.
 */
export class GroupCommitter<I, R> {
  private queue: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly write: (items: I[]) => Promise<R[]>,
    private readonly options: { maxBatch: number } = { maxBatch: 500 },
  ) {}

  /** Queues an item; resolves once the batch holding it has been written. */
  submit(item: I): Promise<R> {
    if (this.closed) return Promise.reject(new Error('group committer is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for the next flush. */
  get pending(): number {
    return this.queue.length;
  }

  /** Refuses new items and waits until every queued one is written. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing !== undefined || this.queue.length > 0) {
      if (this.flushing === undefined) this.flushing = this.runLoop();
      await this.flushing;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing !== undefined) return;
    this.scheduled = true;
    // setImmediate lets the requests that arrived in the same I/O turn join this batch.
    setImmediate(() => {
      this.scheduled = false;
      if (this.flushing === undefined) this.flushing = this.runLoop();
    });
  }

  private async runLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        try {
          const results = await this.write(batch.map((b) => b.item));
          batch.forEach((b, i) => {
            const r = results[i];
            if (r === undefined) b.reject(new Error('group commit returned no result for an item'));
            else b.resolve(r);
          });
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}
