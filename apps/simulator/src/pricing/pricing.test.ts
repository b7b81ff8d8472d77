import { afterEach, describe, expect, it } from 'vitest';
import { WABA_ID, startHarness, type Harness } from '../testing/harness';
import { idOf, send, templateBody, textBody } from '../testing/sends';
import { statusesOf } from '../testing/webhook-receiver';

// Per-message pricing (issue 12): one scripted simulated day yields billable counts per
// category equal to a table computed by hand from Meta's rules (NOTES §6.7), on v23 payloads
// (conversation object, no pricing.type) and v24 ones (pricing.type, conversation only for
// the free entry point).

let h: Harness;
afterEach(() => h.close());

const US = '16505551234';
const UK = '447700900123';
const BR = '5511987654321';
const IN = '919876543210';
const MX = '5215512345678';
const AR = '5491123456789';

interface Priced {
  category: string;
  billable: boolean;
  type?: string;
}

async function scriptedDay(version: string): Promise<Map<string, Record<string, unknown>[]>> {
  h = await startHarness({ statuses: { readProbability: 0 } });
  h.sim.control.upsertTemplate({
    id: '7000000000000001',
    wabaId: WABA_ID,
    name: 'login_code',
    language: 'en_US',
    category: 'AUTHENTICATION',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: '{{1}} is your verification code.' }],
  });
  const v = { version };
  const ids: string[] = [];
  // 1. The US customer writes; the agent answers (service) and sends a utility template in the window.
  const inbound = h.sim.control.inbound(US, { type: 'text', text: { body: 'Where is my order?' } });
  ids.push(idOf(await send(h, textBody(US, 'On its way!'), v)));
  ids.push(idOf(await send(h, templateBody(US, 'hello_world'), v)));
  // 2. A reaction to the customer's message (service, `sent` only).
  ids.push(
    idOf(
      await send(
        h,
        {
          messaging_product: 'whatsapp',
          to: US,
          type: 'reaction',
          reaction: { message_id: inbound.id, emoji: '👍' },
        },
        v,
      ),
    ),
  );
  // 3. A utility template outside any window, and a marketing one.
  ids.push(idOf(await send(h, templateBody(UK, 'hello_world'), v)));
  ids.push(
    idOf(
      await send(
        h,
        templateBody(BR, 'welcome_offer', 'en_US', [
          { type: 'header', parameters: [{ type: 'text', text: 'Ana' }] },
          { type: 'body', parameters: [{ type: 'text', text: '15%' }] },
          {
            type: 'button',
            sub_type: 'copy_code',
            index: 0,
            parameters: [{ type: 'coupon_code', coupon_code: 'W15' }],
          },
        ]),
        v,
      ),
    ),
  );
  // 4. Authentication to India from a US business: authentication-international rates.
  ids.push(
    idOf(
      await send(
        h,
        templateBody(IN, 'login_code', 'en_US', [
          { type: 'body', parameters: [{ type: 'text', text: '482913' }] },
        ]),
        v,
      ),
    ),
  );
  // 5. A customer from a click-to-WhatsApp ad: the reply and a template next day are free.
  h.sim.control.inbound(MX, {
    type: 'text',
    text: { body: 'Info please' },
    referral: { source_type: 'ad', source_id: '120000', source_url: 'https://fb.me/x' },
  });
  ids.push(idOf(await send(h, textBody(MX, 'Hi! Here is our catalogue.'), v)));
  h.advanceClock(30 * 3600 * 1000);
  ids.push(idOf(await send(h, templateBody(MX, 'hello_world'), v)));
  // 6. Marketing through the Marketing Messages Lite API.
  const lite = templateBody(AR, 'welcome_offer', 'en_US', [
    { type: 'header', parameters: [{ type: 'text', text: 'Sofía' }] },
    { type: 'body', parameters: [{ type: 'text', text: '10%' }] },
    {
      type: 'button',
      sub_type: 'copy_code',
      index: 0,
      parameters: [{ type: 'coupon_code', coupon_code: 'W10' }],
    },
  ]);
  ids.push(idOf(await send(h, lite, { ...v, path: 'marketing_messages' })));
  // 7. A send that fails (not on WhatsApp): never billed.
  ids.push(idOf(await send(h, templateBody('16505550000', 'hello_world'), v)));
  await h.sim.control.flush();
  const byId = new Map<string, Record<string, unknown>[]>();
  for (const s of statusesOf(h.receiver.received))
    byId.set(String(s.id), [...(byId.get(String(s.id)) ?? []), s]);
  expect([...byId.keys()].sort()).toEqual([...ids].sort());
  return byId;
}

/** Billable and free message counts per category, from the first priced status of each. */
function bill(byId: Map<string, Record<string, unknown>[]>): Record<string, string> {
  const out: Record<string, { billable: number; free: number }> = {};
  for (const statuses of byId.values()) {
    const pricing = statuses.find((s) => s.pricing !== undefined)?.pricing as Priced | undefined;
    if (pricing === undefined) continue;
    const row = (out[pricing.category] ??= { billable: 0, free: 0 });
    if (pricing.billable) row.billable += 1;
    else row.free += 1;
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [k, `${v.billable} billable, ${v.free} free`]),
  );
}

// Worked out by hand from Meta's pricing rules for the day above.
const expectedBill = {
  service: '0 billable, 2 free', // the text reply and the reaction
  utility: '1 billable, 1 free', // outside the window / inside it
  marketing: '1 billable, 0 free',
  authentication_international: '1 billable, 0 free',
  referral_conversion: '0 billable, 2 free', // the free entry point: reply and next-day template
  marketing_lite: '1 billable, 0 free',
};

describe('per-message pricing', () => {
  it('bills a scripted day as Meta does on v23 payloads (conversation object, no type)', async () => {
    const byId = await scriptedDay('v23.0');
    expect(bill(byId)).toEqual(expectedBill);
    for (const statuses of byId.values()) {
      for (const s of statuses) {
        if (s.pricing === undefined) continue;
        expect((s.pricing as Priced).type).toBeUndefined();
        expect(s.conversation).toBeDefined();
      }
    }
  });

  it('bills the same day on v24 payloads (pricing.type; conversation only for the entry point)', async () => {
    const byId = await scriptedDay('v24.0');
    expect(bill(byId)).toEqual(expectedBill);
    const types = new Map<string, Set<string>>();
    for (const statuses of byId.values()) {
      for (const s of statuses) {
        const p = s.pricing as Priced | undefined;
        if (p === undefined) continue;
        types.set(p.category, (types.get(p.category) ?? new Set()).add(String(p.type)));
        expect(s.conversation !== undefined).toBe(p.type === 'free_entry_point');
      }
    }
    expect(types.get('service')).toEqual(new Set(['free_customer_service']));
    expect(types.get('utility')).toEqual(new Set(['regular', 'free_customer_service']));
    expect(types.get('referral_conversion')).toEqual(new Set(['free_entry_point']));
    expect(types.get('marketing_lite')).toEqual(new Set(['regular']));
  });

  it('gives a reaction only a sent status and a failed send no pricing', async () => {
    const byId = await scriptedDay('v24.0');
    const reaction = h.sim.control.messages({ type: 'reaction' })[0];
    expect(byId.get(reaction?.id ?? '')?.map((s) => s.status)).toEqual(['sent']);
    const failed = [...byId.values()].find((st) => st.some((s) => s.status === 'failed'));
    expect(failed?.map((s) => s.status)).toEqual(['failed']);
    expect(failed?.[0]?.pricing).toBeUndefined();
  });

  it('refuses a utility template on /marketing_messages', async () => {
    h = await startHarness();
    const res = await send(h, templateBody(US, 'hello_world'), { path: 'marketing_messages' });
    expect(res.body.error?.code).toBe(100);
  });
});
