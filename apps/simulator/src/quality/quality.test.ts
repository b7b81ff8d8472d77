import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_ID, WABA_ID, startHarness, type Harness } from '../testing/harness';
import { failedCode, idOf, send, statusTrail, templateBody, textBody } from '../testing/sends';

// Quality and restrictions with effects (issue 12): template pacing holds sends of a new
// marketing template, an account restriction makes business-initiated sends fail, a ban stops
// everything (NOTES §1.3, §3.7).

const HOUR = 3600 * 1000;
const USER = '16505551234';
let h: Harness;
afterEach(() => h.close());

const marketing = (to: string): Record<string, unknown> =>
  templateBody(to, 'new_arrivals_video', 'pt_BR', [
    { type: 'header', parameters: [{ type: 'video', video: { link: 'https://x.io/v.mp4' } }] },
    { type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
  ]);

describe('template pacing', () => {
  it('holds sends past the first ones and delivers them when the assessment ends', async () => {
    h = await startHarness({
      limits: { pacingFreeSends: 2, pacingHoldMs: HOUR, marketingCapPerUser: 0 },
      statuses: { readProbability: 0 },
    });
    h.sim.control.paceTemplate({ name: 'new_arrivals_video' });
    const first = await send(h, marketing('447700900123'));
    await send(h, marketing('5511987654321'));
    const held = await send(h, marketing('919876543210'));
    expect(first.body.messages[0].message_status).toBe('accepted');
    expect(held.body.messages[0].message_status).toBe('held_for_quality_assessment');
    expect(await statusTrail(h, idOf(held))).toEqual([]);
    h.advanceClock(HOUR);
    expect(await statusTrail(h, idOf(held))).toEqual(['sent', 'delivered']);
  });

  it('fails held messages with 132015 when the template is paused during the hold', async () => {
    h = await startHarness({ limits: { pacingFreeSends: 0, marketingCapPerUser: 0 } });
    h.sim.control.paceTemplate({ name: 'new_arrivals_video' });
    const held = await send(h, marketing('447700900123'));
    expect(held.body.messages[0].message_status).toBe('held_for_quality_assessment');
    h.sim.control.setTemplateQuality({ name: 'new_arrivals_video' }, 'RED');
    expect(h.sim.control.releasePacing({ name: 'new_arrivals_video' })).toBe(1);
    expect(await failedCode(h, idOf(held))).toBe(132015);
  });

  it('paces a new marketing template once review approves it', async () => {
    h = await startHarness({ limits: { pacingFreeSends: 1, marketingCapPerUser: 0 } });
    const created = await h.graph('POST', `/v23.0/${WABA_ID}/message_templates`, {
      name: 'autumn_drop',
      language: 'en_US',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'New autumn styles are in!' }],
    });
    expect(created.body.status).toBe('PENDING');
    await h.receiver.waitFor((r) =>
      r.some((w) => JSON.stringify(w.body).includes('"event":"APPROVED"')),
    );
    const statusOf = async (to: string) =>
      (await send(h, templateBody(to, 'autumn_drop'))).body.messages[0].message_status;
    expect(await statusOf('447700900123')).toBe('accepted');
    expect(await statusOf('5511987654321')).toBe('held_for_quality_assessment');
  });
});

describe('account restrictions', () => {
  it('fails business-initiated sends (368) while restricted, still answers inside a window', async () => {
    h = await startHarness();
    h.sim.control.inbound(USER, { type: 'text', text: { body: 'hi' } });
    h.sim.control.accountUpdate({
      event: 'ACCOUNT_RESTRICTION',
      restriction_info: [
        {
          restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING',
          expiration: Math.floor((h.sim.control.clockNow() + 2 * HOUR) / 1000),
        },
      ],
    });
    expect((await send(h, templateBody('447700900123'))).body.error?.code).toBe(368);
    expect((await send(h, textBody(USER))).status).toBe(200);
    const phone = await h.graph('GET', `/v23.0/${PHONE_ID}?fields=status`);
    expect(phone.body.status).toBe('RESTRICTED');
    h.advanceClock(2 * HOUR);
    expect((await send(h, templateBody('447700900123'))).status).toBe(200);
  });

  it('stops every send while banned (131031) and resumes on REINSTATE', async () => {
    h = await startHarness();
    h.sim.control.inbound(USER, { type: 'text', text: { body: 'hi' } });
    h.sim.control.accountUpdate({ event: 'DISABLED_UPDATE' }, WABA_ID);
    expect((await send(h, textBody(USER))).body.error?.code).toBe(131031);
    expect((await send(h, templateBody(USER))).body.error?.code).toBe(131031);
    expect((await h.graph('GET', `/v23.0/${PHONE_ID}?fields=status`)).body.status).toBe('BANNED');
    h.sim.control.accountUpdate({
      event: 'DISABLED_UPDATE',
      ban_info: { waba_ban_state: 'REINSTATE', waba_ban_date: 'November 30, 2026' },
    });
    expect((await send(h, textBody(USER))).status).toBe(200);
  });
});
