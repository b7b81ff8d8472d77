import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationList, InboxSettings, Thread, TypingResult } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { startTestbed, type WhatsAppTestbed } from '../accounts/accounts.testkit';
import { authOf, signIn, systemActor, type SignedIn } from '../auth/auth.testkit';

// Read receipts and the typing indicator against the simulator: nothing reaches WhatsApp
// while the setting is off; once on, opening marks the last inbound message read and typing
// shows the indicator at most once per 20 s.

const CY = '16505550401';
const AGENT = 'receipts-agent';
const PASSWORD = 'correct horse battery';

let bed: WhatsAppTestbed;
let agent: SignedIn;

beforeAll(async () => {
  bed = await startTestbed(
    {
      statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 5 },
    },
    {},
    { clock: (sim) => ({ now: () => sim.control.clockNow() }) },
  );
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  bed.sim.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/whatsapp`);
  await bed.connect();
  await authOf(bed.t).users.create(
    { username: AGENT, password: PASSWORD, role: 'agent' },
    systemActor,
  );
  agent = await signIn(bed.t, AGENT, PASSWORD);
  bed.sim.control.upsertCustomer({ waId: CY, name: 'Cy Young' });
}, 60_000);
afterAll(async () => {
  await bed.close();
}, 30_000);

async function settle(): Promise<void> {
  await bed.sim.control.flush(20_000);
  expect(await bed.t.ctx.background.drain(10_000)).toBe(true);
}

const call = (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  bed.t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

async function conversation(): Promise<{ id: string; lastInbound: string }> {
  const list = (await call(agent, 'GET', '/conversations?limit=100')).json<ConversationList>();
  const id = list.conversations.find((c) => c.contact.phoneE164 === `+${CY}`)?.id ?? '';
  const thread = (await call(agent, 'GET', `/conversations/${id}/messages`)).json<Thread>();
  const wamid = thread.messages.filter((m) => m.direction === 'in').at(-1)?.wamid ?? '';
  return { id, lastInbound: wamid };
}

const typing = async (id: string) =>
  (await call(agent, 'POST', `/conversations/${id}/typing`)).json<TypingResult>().sent;

describe(`read receipts and typing on ${testDialect}`, () => {
  it('sends nothing while off; once on, marks the last message read and throttles typing to once per 20 s', async () => {
    expect((await call(agent, 'GET', '/inbox/settings')).json<InboxSettings>()).toEqual({
      readReceipts: false,
    });
    bed.sim.control.inbound(CY, { type: 'text', text: { body: 'Anyone there?' } });
    await settle();
    const first = await conversation();
    expect((await call(agent, 'POST', `/conversations/${first.id}/read`)).statusCode).toBe(200);
    expect(await typing(first.id)).toBe(false);
    expect(bed.sim.control.readReceipts({ waId: CY })).toEqual([]);

    // Only a settings manager turns it on.
    expect((await call(agent, 'PUT', '/inbox/settings', { readReceipts: true })).statusCode).toBe(
      403,
    );
    const on = await call(bed.admin, 'PUT', '/inbox/settings', { readReceipts: true });
    expect(on.statusCode, on.body).toBe(200);

    bed.sim.control.inbound(CY, { type: 'text', text: { body: 'Hello?' } });
    bed.sim.control.inbound(CY, { type: 'text', text: { body: 'I need help with my order' } });
    await settle();
    const { id, lastInbound } = await conversation();
    expect(lastInbound).not.toBe(first.lastInbound);
    expect((await call(agent, 'POST', `/conversations/${id}/read`)).statusCode).toBe(200);
    expect(bed.sim.control.readReceipts({ waId: CY })).toEqual([
      expect.objectContaining({ message_id: lastInbound, typing_indicator: false }),
    ]);

    expect(await typing(id)).toBe(true);
    expect(await typing(id)).toBe(false);
    bed.sim.control.advanceClock(19_000);
    expect(await typing(id)).toBe(false);
    bed.sim.control.advanceClock(1_500);
    expect(await typing(id)).toBe(true);
    expect(
      bed.sim.control.readReceipts({ waId: CY }).map((r) => [r.message_id, r.typing_indicator]),
    ).toEqual([
      [lastInbound, false],
      [lastInbound, true],
      [lastInbound, true],
    ]);
  });
});
