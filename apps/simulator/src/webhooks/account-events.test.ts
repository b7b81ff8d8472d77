import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  accountUpdateValueSchema,
  businessCapabilityUpdateValueSchema,
  phoneNumberNameUpdateValueSchema,
  templateCategoryUpdateValueSchema,
  templateQualityUpdateValueSchema,
  templateStatusUpdateValueSchema,
} from '@kiana/contracts';
import { PHONE_ID, WABA_ID, startHarness, type Harness } from '../testing/harness';
import { requestExamples } from '../testing/spec';
import { changesOf } from '../testing/webhook-receiver';

// Account-level webhooks raised on demand (NOTES §3.7): template quality, category and
// pauses, messaging-limit changes, account_update, display names, and the spec's group
// examples. Each through the typed control object or the /_sim/ HTTP API.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => {
  h.sim.control.reset();
  h.sim.control.setWebhookUrl(h.receiver.url);
  h.receiver.received.length = 0;
});
afterAll(() => h.close());

async function sim(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await request(`${h.sim.url}${path}`, {
    method: method as 'POST',
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  expect(res.statusCode).toBe(200);
  return (await res.body.json()) as Record<string, unknown>;
}

const fields = (): string[] =>
  h.receiver.received.flatMap((w) => w.body.entry.flatMap((e) => e.changes.map((c) => c.field)));

describe('template events', () => {
  it('emits message_template_quality_update with the previous and new score', async () => {
    h.sim.control.setTemplateQuality({ name: 'hello_world' }, 'YELLOW');
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_quality_update').length === 1);
    const quality = templateQualityUpdateValueSchema.parse(
      changesOf(h.receiver.received, 'message_template_quality_update')[0],
    );
    expect(quality).toEqual({
      previous_quality_score: 'UNKNOWN',
      new_quality_score: 'YELLOW',
      message_template_id: 1192339204654487,
      message_template_name: 'hello_world',
      message_template_language: 'en_US',
    });
    const envelope = h.receiver.received[0]?.body;
    expect(envelope?.entry[0]).toMatchObject({ id: WABA_ID, time: expect.any(Number) });
    expect(h.sim.control.templates().find((t) => t.name === 'hello_world')?.qualityScore).toBe(
      'YELLOW',
    );
  });

  it('pauses a template that turns RED (quality, then PAUSED FIRST_PAUSE) and blocks sends', async () => {
    await sim('POST', '/_sim/templates/1192339204654487/quality', { score: 'RED' });
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 1);
    const status = templateStatusUpdateValueSchema.parse(
      changesOf(h.receiver.received, 'message_template_status_update')[0],
    );
    expect(status).toMatchObject({
      event: 'PAUSED',
      reason: 'NONE',
      other_info: { title: 'FIRST_PAUSE', description: expect.stringContaining('3 hours') },
    });
    const send = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
      messaging_product: 'whatsapp',
      to: '16505551234',
      type: 'template',
      template: { name: 'hello_world', language: { code: 'en_US' } },
    });
    expect(send.body.error.code).toBe(132015);
  });

  it('keeps a RED template active when asked not to pause', async () => {
    h.sim.control.setTemplateQuality({ name: 'hello_world' }, 'RED', { pause: false });
    await h.sim.control.flush();
    expect(fields()).toEqual(['message_template_quality_update']);
  });

  it('pauses twice, unpauses, and disables on the third pause with disable_info', async () => {
    const id = '1689556908129833';
    await sim('POST', `/_sim/templates/${id}/pause`);
    await sim('POST', `/_sim/templates/${id}/unpause`);
    await sim('POST', `/_sim/templates/${id}/pause`);
    const disabled = await sim('POST', `/_sim/templates/${id}/pause`);
    expect(disabled.status).toBe('DISABLED');
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 4);
    const events = changesOf(h.receiver.received, 'message_template_status_update').sort((a, b) =>
      JSON.stringify(a).localeCompare(JSON.stringify(b)),
    );
    const titles = events.map((e) => [e.event, (e.other_info as { title?: string }).title]);
    expect(titles).toEqual(
      expect.arrayContaining([
        ['PAUSED', 'FIRST_PAUSE'],
        ['APPROVED', 'UNPAUSE'],
        ['PAUSED', 'SECOND_PAUSE'],
        ['DISABLED', 'DISABLED'],
      ]),
    );
    const disable = events.find((e) => e.event === 'DISABLED');
    expect(disable?.disable_info).toEqual({ disable_date: expect.any(Number) });
  });

  it('ends pauses by itself after 3 h, then 6 h, of simulated time', async () => {
    const HOUR = 3600 * 1000;
    const send = () =>
      h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
        messaging_product: 'whatsapp',
        to: '16505551234',
        type: 'template',
        template: { name: 'hello_world', language: { code: 'en_US' } },
      });
    h.sim.control.pauseTemplate({ name: 'hello_world' });
    h.sim.control.advanceClock(3 * HOUR - 60_000);
    expect((await send()).body.error?.code).toBe(132015);
    h.sim.control.advanceClock(60_000);
    expect((await send()).status).toBe(200);
    h.sim.control.pauseTemplate({ name: 'hello_world' });
    h.sim.control.advanceClock(3 * HOUR);
    expect((await send()).body.error?.code).toBe(132015);
    // The lazy check on a send also ends a pause, without a clock jump through the API.
    h.sim.control.templates().find((t) => t.name === 'hello_world')!.pausedUntil = 0;
    expect((await send()).status).toBe(200);
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 4);
    const titles = changesOf(h.receiver.received, 'message_template_status_update').map(
      (v) => `${String(v.event)}:${String((v.other_info as { title?: string }).title)}`,
    );
    expect(titles.sort()).toEqual(
      ['APPROVED:UNPAUSE', 'APPROVED:UNPAUSE', 'PAUSED:FIRST_PAUSE', 'PAUSED:SECOND_PAUSE'].sort(),
    );
  });

  it('recategorises a template and announces an impending recategorisation', async () => {
    const id = '1192339204654487';
    await sim('POST', `/_sim/templates/${id}/category`, {
      category: 'MARKETING',
      impending: true,
    });
    await h.receiver.waitFor((r) => changesOf(r, 'template_category_update').length === 1);
    expect(h.sim.control.templates().find((t) => t.id === id)?.category).toBe('UTILITY');
    h.sim.control.setTemplateCategory({ id }, 'MARKETING');
    await h.receiver.waitFor((r) => changesOf(r, 'template_category_update').length === 2);
    const [impending, done] = changesOf(h.receiver.received, 'template_category_update').map((v) =>
      templateCategoryUpdateValueSchema.parse(v),
    );
    expect(impending).toEqual({
      message_template_id: Number(id),
      message_template_name: 'hello_world',
      message_template_language: 'en_US',
      new_category: 'UTILITY',
      correct_category: 'MARKETING',
      category_update_timestamp: expect.any(Number),
    });
    expect(done).toMatchObject({ previous_category: 'UTILITY', new_category: 'MARKETING' });
    expect(h.sim.control.templates().find((t) => t.id === id)?.category).toBe('MARKETING');
  });
});

describe('account events', () => {
  it('sends phone_number_quality_update and then business_capability_update on a tier change', async () => {
    await sim('PUT', '/_sim/messaging-tier', { tier: 'TIER_10K' });
    await h.receiver.waitFor((r) => r.length === 2);
    expect(fields()).toEqual(['phone_number_quality_update', 'business_capability_update']);
    expect(changesOf(h.receiver.received, 'phone_number_quality_update')[0]).toMatchObject({
      event: 'UPGRADE',
      old_limit: 'TIER_2K',
      max_daily_conversations_per_business: 'TIER_10K',
    });
    const capability = businessCapabilityUpdateValueSchema.parse(
      changesOf(h.receiver.received, 'business_capability_update')[0],
    );
    expect(capability).toEqual({
      max_daily_conversation_per_phone: 10000,
      max_daily_conversations_per_business: 'TIER_10K',
      max_phone_numbers_per_waba: 25,
    });
    h.sim.control.setMessagingTier('TIER_250');
    await h.receiver.waitFor((r) => r.length === 4);
    expect(changesOf(h.receiver.received, 'phone_number_quality_update')[1]?.event).toBe(
      'DOWNGRADE',
    );
    expect(changesOf(h.receiver.received, 'business_capability_update')[1]).toEqual({
      max_daily_conversation_per_phone: 250,
      max_daily_conversations_per_business: 'TIER_250',
      max_phone_numbers_per_business: 2,
    });
  });

  it('emits account_update events with Meta’s details filled in', async () => {
    await sim('POST', '/_sim/account-update', { event: 'ACCOUNT_RESTRICTION' });
    h.sim.control.accountUpdate({ event: 'DISABLED_UPDATE' });
    h.sim.control.accountUpdate({ event: 'VERIFIED_ACCOUNT' });
    h.sim.control.accountUpdate({
      event: 'ACCOUNT_VIOLATION',
      violation_info: { violation_type: 'ADULT' },
    });
    await h.receiver.waitFor((r) => changesOf(r, 'account_update').length === 4);
    const byEvent = new Map(
      changesOf(h.receiver.received, 'account_update').map((v) => {
        const parsed = accountUpdateValueSchema.parse(v);
        return [parsed.event, parsed];
      }),
    );
    expect(byEvent.get('ACCOUNT_RESTRICTION')).toEqual({
      event: 'ACCOUNT_RESTRICTION',
      restriction_info: [
        { restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: expect.any(Number) },
      ],
    });
    expect(byEvent.get('DISABLED_UPDATE')).toEqual({
      event: 'DISABLED_UPDATE',
      ban_info: {
        waba_ban_state: 'DISABLE',
        waba_ban_date: expect.stringMatching(/^\w+ \d+, \d{4}$/),
      },
    });
    expect(byEvent.get('VERIFIED_ACCOUNT')).toEqual({
      event: 'VERIFIED_ACCOUNT',
      phone_number: '15550100',
    });
    expect(byEvent.get('ACCOUNT_VIOLATION')).toEqual({
      event: 'ACCOUNT_VIOLATION',
      violation_info: { violation_type: 'ADULT' },
    });
  });

  it('emits phone_number_name_update; an approved name becomes the verified name', async () => {
    await sim('POST', `/_sim/numbers/${PHONE_ID}/name-update`, {
      decision: 'REJECTED',
      requestedName: 'Best Shop Ever!!!',
    });
    h.sim.control.phoneNameUpdate(PHONE_ID, { decision: 'APPROVED', requestedName: 'Kiana Shop' });
    await h.receiver.waitFor((r) => changesOf(r, 'phone_number_name_update').length === 2);
    const byDecision = new Map(
      changesOf(h.receiver.received, 'phone_number_name_update').map((v) => {
        const parsed = phoneNumberNameUpdateValueSchema.parse(v);
        return [parsed.decision, parsed];
      }),
    );
    expect(byDecision.get('REJECTED')).toEqual({
      display_phone_number: '15550100',
      decision: 'REJECTED',
      requested_verified_name: 'Best Shop Ever!!!',
      rejection_reason: 'NAME_FORMAT_UNACCEPTABLE',
    });
    expect(byDecision.get('APPROVED')?.rejection_reason).toBeNull();
    const phone = await h.graph('GET', `/v23.0/${PHONE_ID}?fields=verified_name`);
    expect(phone.body.verified_name).toBe('Kiana Shop');
  });
});

// The spec's group webhook examples (its enum spells one field group_participant_update,
// its example group_participants_update; the simulator sends whichever field it is given).
const groupExamples = requestExamples('/whatsapp/webhooks', 'post')
  .map(([name, value]) => {
    const change = (value as { entry: { changes: { field: string; value: unknown }[] }[] }).entry[0]
      ?.changes[0];
    return [name, change] as const;
  })
  .filter(([, change]) => change?.field.startsWith('group_') === true);

describe('group webhook examples', () => {
  it('finds the spec’s group examples', () => {
    expect(groupExamples.map(([name]) => name)).toEqual([
      'Group Create Message',
      'Group Settings Update',
      'Group Remove Participants',
    ]);
  });

  it.each(groupExamples)('%s can be produced', async (_name, change) => {
    const value = change?.value as { groups: Record<string, unknown>[] };
    const example = value.groups[0] ?? {};
    const { timestamp: _ts, ...group } = example as {
      timestamp: string;
      group_id: string;
      type: string;
    };
    await sim('POST', '/_sim/groups/events', { field: change?.field, group });
    await h.receiver.waitFor((r) => r.length === 1);
    const got = h.receiver.received[0];
    expect(got?.isSignatureValid).toBe(true);
    expect(got?.body.entry[0]?.changes[0]).toEqual({
      field: change?.field,
      value: {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550100', phone_number_id: PHONE_ID },
        groups: [{ ...example, timestamp: expect.stringMatching(/^\d+$/) }],
      },
    });
  });
});
