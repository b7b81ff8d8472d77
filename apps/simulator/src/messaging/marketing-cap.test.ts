import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness';
import { failedCode, idOf, send, templateBody } from '../testing/sends';

// The per-user marketing cap (131049) as behaviour: a user receives at most
// `limits.marketingCapPerUser` marketing templates per rolling 24 h (simulated) outside an
// open window; the next ones fail until a day has passed (NOTES §6.4).

const DAY = 24 * 3600 * 1000;
const USER = '5511987654321';
let h: Harness;
afterEach(() => h.close());

const marketing = (to: string): Record<string, unknown> =>
  templateBody(to, 'welcome_offer', 'en_US', [
    { type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
    { type: 'body', parameters: [{ type: 'text', text: '15%' }] },
    {
      type: 'button',
      sub_type: 'copy_code',
      index: 0,
      parameters: [{ type: 'coupon_code', coupon_code: 'W15' }],
    },
  ]);

describe('per-user marketing cap', () => {
  it('fails the marketing template past the cap with 131049 and releases it after 24 h', async () => {
    h = await startHarness({ limits: { marketingCapPerUser: 2, pairEnabled: false } });
    const first = idOf(await send(h, marketing(USER)));
    const second = idOf(await send(h, marketing(USER)));
    const third = idOf(await send(h, marketing(USER)));
    const utility = idOf(await send(h, templateBody(USER)));
    const other = idOf(await send(h, marketing('447700900123')));
    expect(await failedCode(h, first)).toBeUndefined();
    expect(await failedCode(h, second)).toBeUndefined();
    expect(await failedCode(h, third)).toBe(131049);
    expect(await failedCode(h, utility)).toBeUndefined();
    expect(await failedCode(h, other)).toBeUndefined();
    h.advanceClock(DAY - 1000);
    expect(await failedCode(h, idOf(await send(h, marketing(USER))))).toBe(131049);
    h.advanceClock(1000);
    expect(await failedCode(h, idOf(await send(h, marketing(USER))))).toBeUndefined();
  });

  it('neither limits nor counts marketing inside an open service window', async () => {
    h = await startHarness({ limits: { marketingCapPerUser: 1, pairEnabled: false } });
    h.sim.control.inbound(USER, { type: 'text', text: { body: 'hi' } });
    const a = idOf(await send(h, marketing(USER)));
    const b = idOf(await send(h, marketing(USER)));
    expect(await failedCode(h, a)).toBeUndefined();
    expect(await failedCode(h, b)).toBeUndefined();
    h.advanceClock(DAY + 1);
    expect(await failedCode(h, idOf(await send(h, marketing(USER))))).toBeUndefined();
    expect(await failedCode(h, idOf(await send(h, marketing(USER))))).toBe(131049);
  });
});
