import { describe, expect, it } from 'vitest';
import { GraphApiError } from './graph.errors';
import type { GraphErrorClass } from './graph.classify';
import { withGraphRetries } from './graph.retry';

function failing(
  classification: GraphErrorClass,
  method = 'GET',
  metaCode?: number,
): GraphApiError {
  return new GraphApiError({
    method,
    path: '/v23.0/1',
    source: 'graph',
    message: classification,
    classification,
    metaCode,
  });
}

/** A call that fails with the given errors in turn, then succeeds. */
function scripted(errors: GraphApiError[]) {
  let calls = 0;
  const call = async () => {
    calls += 1;
    const e = errors[calls - 1];
    if (e !== undefined) throw e;
    return 'ok';
  };
  return { call, calls: () => calls };
}

describe('withGraphRetries', () => {
  it('retries retryable and throttled failures with growing waits, then succeeds', async () => {
    const waits: number[] = [];
    const s = scripted([
      failing('retryable'),
      failing('throttled', 'GET', 130429),
      failing('retryable'),
    ]);
    const result = await withGraphRetries(s.call, {
      sleep: async (ms) => void waits.push(ms),
      random: () => 0,
    });
    expect(result).toBe('ok');
    expect(s.calls()).toBe(4);
    expect(waits).toEqual([250, 1_000, 1_000]);
  });

  it('does not repeat a send whose outcome is unknown, nor a permanent or auth failure', async () => {
    for (const err of [failing('unknown-outcome', 'POST'), failing('permanent'), failing('auth')]) {
      const s = scripted([err]);
      await expect(withGraphRetries(s.call, { sleep: async () => undefined })).rejects.toBe(err);
      expect(s.calls()).toBe(1);
    }
  });

  it('gives up after maxAttempts and when the wait is longer than the caller accepts', async () => {
    const s = scripted([failing('retryable'), failing('retryable'), failing('retryable')]);
    await expect(
      withGraphRetries(s.call, { maxAttempts: 2, sleep: async () => undefined }),
    ).rejects.toBeInstanceOf(GraphApiError);
    expect(s.calls()).toBe(2);
    const buc = scripted([failing('throttled', 'GET', 80007)]);
    await expect(
      withGraphRetries(buc.call, { maxDelayMs: 10_000, sleep: async () => undefined }),
    ).rejects.toMatchObject({ metaCode: 80007 });
    expect(buc.calls()).toBe(1);
  });
});
