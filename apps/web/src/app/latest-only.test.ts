import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debouncedLatest } from './latest-only';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('debouncedLatest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never applies an older answer that arrives after the newer one', async () => {
    const applied: (string | null)[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const signals: AbortSignal[] = [];
    const cancelFirst = debouncedLatest(
      (signal) => (signals.push(signal), first.promise),
      (r) => applied.push(r),
      350,
    );
    await vi.advanceTimersByTimeAsync(350);
    // The input changes while the first request is in flight.
    cancelFirst();
    debouncedLatest(
      (signal) => (signals.push(signal), second.promise),
      (r) => applied.push(r),
      350,
    );
    await vi.advanceTimersByTimeAsync(350);
    second.resolve('newer');
    await vi.runAllTimersAsync();
    first.resolve('older');
    await vi.runAllTimersAsync();
    expect(applied).toEqual(['newer']);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('does not start the work when cancelled within the delay', async () => {
    const work = vi.fn(() => Promise.resolve('x'));
    const cancel = debouncedLatest(work, () => undefined, 350);
    await vi.advanceTimersByTimeAsync(200);
    cancel();
    await vi.advanceTimersByTimeAsync(500);
    expect(work).not.toHaveBeenCalled();
  });

  it('applies null when the work fails', async () => {
    const applied: unknown[] = [];
    debouncedLatest(
      () => Promise.reject(new Error('offline')),
      (r) => applied.push(r),
      10,
    );
    await vi.runAllTimersAsync();
    expect(applied).toEqual([null]);
  });
});
