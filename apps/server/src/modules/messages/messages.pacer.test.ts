import { describe, expect, it } from 'vitest';
import { ApiSendPacer } from './messages.pacer';

describe('ApiSendPacer', () => {
  it('lets no more than the rate through in any one second, waiting for the next token', async () => {
    let now = 0;
    const grants: number[] = [];
    const pacer = new ApiSendPacer({
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    for (let i = 0; i < 25; i++) {
      await pacer.acquire('n1', 10);
      grants.push(now);
    }
    for (const at of grants)
      expect(grants.filter((g) => g >= at && g < at + 1000).length).toBeLessThanOrEqual(10);
    // Full rate: 25 sends at 10/s take two windows, not more.
    expect(now).toBe(2000);
  });

  it('keeps numbers apart and answers 429 when the wait would be too long', async () => {
    const pacer = new ApiSendPacer({ now: () => 0, sleep: async () => {}, maxWaitMs: 500 });
    await pacer.acquire('n1', 1);
    await pacer.acquire('n2', 1);
    await expect(pacer.acquire('n1', 1)).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
