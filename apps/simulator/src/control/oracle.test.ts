import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness';
import { idOf, send, templateBody } from '../testing/sends';

// The oracle (issue 12): sent messages filtered by biz_opaque_callback_data and by recipient
// (wa_id, the `to` as sent, or BSUID), with counts per recipient, in-process and over HTTP.

let h: Harness;
afterEach(() => h.close());

describe('oracle filters', () => {
  it('filters by biz_opaque_callback_data and by recipient, and counts per recipient', async () => {
    h = await startHarness({ limits: { pairEnabled: false } });
    const tagged = (to: string, tag: string) => ({
      ...templateBody(to),
      biz_opaque_callback_data: tag,
    });
    const a = idOf(await send(h, tagged('+1 (650) 555-1234', 'campaign=1;rcp=a')));
    idOf(await send(h, tagged('447700900123', 'campaign=1;rcp=b')));
    idOf(await send(h, tagged('16505551234', 'campaign=2;rcp=a')));
    const byTag = h.sim.control.messages({ bizOpaqueCallbackData: 'campaign=1;rcp=a' });
    expect(byTag.map((m) => m.id)).toEqual([a]);
    expect(h.sim.control.messages({ recipient: '16505551234' })).toHaveLength(2);
    expect(h.sim.control.messages({ recipient: '+1 (650) 555-1234' })).toHaveLength(1);
    const bsuid = byTag[0]?.user_id ?? '';
    expect(bsuid).toMatch(/^US\.\d+$/);
    expect(h.sim.control.messages({ recipient: bsuid })).toHaveLength(2);
    expect(h.sim.control.counts().byRecipient).toEqual({ '16505551234': 2, '447700900123': 1 });
    const res = await request(
      `${h.sim.url}/_sim/messages/counts?biz_opaque_callback_data=${encodeURIComponent('campaign=1;rcp=b')}`,
    );
    expect(await res.body.json()).toEqual({ total: 1, byRecipient: { '447700900123': 1 } });
    const list = await request(`${h.sim.url}/_sim/messages?recipient=447700900123`);
    const body = (await list.body.json()) as { data: { wa_id: string }[] };
    expect(body.data.map((m) => m.wa_id)).toEqual(['447700900123']);
  });
});
