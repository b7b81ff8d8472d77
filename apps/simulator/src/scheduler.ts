// One timer for thousands of future events: callbacks are bucketed by tick instead of
// each getting its own setTimeout, which keeps the send path cheap at high rates.

type Task = () => void;

/** A coarse timer wheel; `tickMs` is the resolution. */
export class Scheduler {
  private readonly buckets = new Map<number, Task[]>();
  private timer: NodeJS.Timeout | undefined;
  private nextTick = 0;
  private pending = 0;

  constructor(readonly tick = 5) {}

  /** Runs `task` after about `delayMs` (never synchronously). */
  after(delayMs: number, task: Task): void {
    const slot = Math.max(
      Math.ceil((Date.now() + Math.max(delayMs, 0)) / this.tick),
      this.nextTick,
    );
    let bucket = this.buckets.get(slot);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(slot, bucket);
    }
    bucket.push(task);
    this.pending += 1;
    this.timer ??= setInterval(() => this.run(), this.tick);
  }

  /** Number of tasks not yet run. */
  size(): number {
    return this.pending;
  }

  private run(): void {
    const now = Math.floor(Date.now() / this.tick);
    // Due slots run oldest first, so one message's statuses keep their scheduled order.
    const due = [...this.buckets.keys()].filter((slot) => slot <= now).sort((a, b) => a - b);
    for (const slot of due) {
      const tasks = this.buckets.get(slot) ?? [];
      this.buckets.delete(slot);
      for (const task of tasks) {
        this.pending -= 1;
        try {
          task();
        } catch {
          // A failing task must not stop the wheel; tasks log their own errors.
        }
      }
    }
    this.nextTick = now;
    if (this.pending === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Drops every pending task. */
  clear(): void {
    this.buckets.clear();
    this.pending = 0;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
