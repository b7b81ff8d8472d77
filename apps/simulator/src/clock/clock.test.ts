import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness';
import { statusesOf } from '../testing/webhook-receiver';
import { failedCode, idOf, send, statusTrail, templateBody, textBody } from '../testing/sends';

// Simulated time (issue 12): the 24 h service window, the rolling messaging limit, the pair
// rate and media URLs follow `advanceClock`, so "the window closed" or "the slot freed up after
// 24 h" is provable in milliseconds. Throughput stays on real time.

const DAY = 24 * 3600 * 1000;
const CUSTOMER = '16505551234';
let h: Harness;
afterEach(() => h.close());

describe('simulated clock', () => {
  it('closes the customer service window after 24 h simulated: free-form fails 131047, a template still goes', async () => {
    h = await startHarness();
    h.sim.control.inbound(CUSTOMER, { type: 'text', text: { body: 'hi' } });
    const inside = idOf(await send(h, textBody(CUSTOMER)));
    expect(await failedCode(h, inside)).toBeUndefined();
    h.advanceClock(DAY + 1000);
    const outside = idOf(await send(h, textBody(CUSTOMER)));
    const template = idOf(await send(h, templateBody(CUSTOMER)));
    expect(await failedCode(h, outside)).toBe(131047);
    expect(await statusTrail(h, template)).toEqual(['sent', 'delivered', 'read']);
  });

  it('stamps inbound messages and statuses with simulated time', async () => {
    h = await startHarness();
    const before = h.sim.control.clockNow();
    h.advanceClock(3 * DAY);
    const msg = h.sim.control.inbound(CUSTOMER, { type: 'text', text: { body: 'later' } });
    expect(Number(msg.timestamp) * 1000).toBeGreaterThanOrEqual(before + 3 * DAY - 1000);
  });

  it('frees a messaging-limit slot used 24 h ago', async () => {
    h = await startHarness({
      waba: { messagingLimitTier: 'TIER_250' },
      limits: { throughputEnabled: false, autoScaling: false },
      statuses: { readProbability: 0 },
    });
    for (let i = 0; i < 250; i += 1) idOf(await send(h, templateBody(`1650558${1000 + i}`)));
    const over = idOf(await send(h, templateBody('16505591999')));
    expect(await failedCode(h, over)).toBe(131048);
    h.advanceClock(DAY);
    const later = idOf(await send(h, templateBody('16505591999')));
    expect(await statusTrail(h, later)).toEqual(['sent', 'delivered']);
    expect(h.sim.control.portfolioUsage()).toMatchObject({ tier: 'TIER_250', used: 1 });
  });

  it('refills the pair-rate bucket on the simulated clock', async () => {
    h = await startHarness({ limits: { pairBurst: 2, pairRefillMs: 6000 } });
    await send(h, templateBody(CUSTOMER));
    await send(h, templateBody(CUSTOMER));
    expect((await send(h, templateBody(CUSTOMER))).body.error?.code).toBe(131056);
    h.advanceClock(6000);
    expect((await send(h, templateBody(CUSTOMER))).status).toBe(200);
  });

  it('expires a media URL after 5 simulated minutes, and is moved over HTTP too', async () => {
    h = await startHarness();
    h.sim.control.addMedia('4490709327384033', 'image/jpeg');
    const info = await h.graph('GET', '/v23.0/4490709327384033');
    const download = () =>
      request(String(info.body.url), { headers: { authorization: 'Bearer sim_access_token' } });
    expect((await download()).statusCode).toBe(200);
    const res = await request(`${h.sim.url}/_sim/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 5 * 60 * 1000 + 1 }),
    });
    expect(res.statusCode).toBe(200);
    expect((await download()).statusCode).toBe(404);
  });
  it('is set back to a past moment and stamps statuses and inbound messages with it, over HTTP too', async () => {
    h = await startHarness({ statuses: { readProbability: 0 } });
    const past = Date.now() - 30 * DAY;
    const res = await request(`${h.sim.url}/_sim/clock/set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: past }),
    });
    expect(res.statusCode).toBe(200);
    expect(h.sim.control.clockNow() - past).toBeLessThan(1000);
    const msg = h.sim.control.inbound(CUSTOMER, { type: 'text', text: { body: 'back then' } });
    expect(Math.abs(Number(msg.timestamp) * 1000 - past)).toBeLessThan(2000);
    const id = idOf(await send(h, templateBody(CUSTOMER)));
    await h.sim.control.flush();
    const stamps = statusesOf(h.receiver.received)
      .filter((s) => s.id === id)
      .map((s) => Number(s.timestamp) * 1000);
    expect(stamps.length).toBeGreaterThan(0);
    for (const at of stamps) expect(Math.abs(at - past)).toBeLessThan(5000);
    // Forward again to the present: real time from there.
    h.sim.control.setClock(Date.now());
    expect(Math.abs(h.sim.control.clockNow() - Date.now())).toBeLessThan(1000);
  });
});
