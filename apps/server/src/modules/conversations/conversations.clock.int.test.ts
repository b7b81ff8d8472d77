import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import type { AccountGraphApi } from '../../whatsapp/graph.client';
import type { SendMessageBody } from '../../whatsapp/graph.schemas';
import {
  conversationsModuleOf,
  SIM,
  startTestbed,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';
import type { ContactsService } from '../contacts/contacts.service';
import type { ConversationsService } from './conversations.service';
import { findMessageById, findMessageByWamid } from './conversations.repo';

// Issue 12, "Clock tests": the panel and the simulator run on ONE simulated clock (the panel's
// injected clock reads the simulator's), so `advanceClock` moves Meta's 24 h service window,
// its rolling messaging limit and the panel's idea of "now" together. Were the panel's window
// on Date.now(), it would still say "open" after the jump and the test would fail.

const DAY = 24 * 60 * 60 * 1000;
const PHONE = SIM.phoneId;
const CUSTOMER = '16505551234';
/** A new user the full tier keeps out until a slot frees. */
const LATECOMER = '16505599999';

let bed: WhatsAppTestbed;
let account: AccountDto;
let api: AccountGraphApi;
let conversations: ConversationsService;
let contacts: ContactsService;

beforeAll(async () => {
  bed = await startTestbed(
    {
      // The smallest portfolio limit Meta applies since October 2025, held still.
      waba: { messagingLimitTier: 'TIER_250' },
      limits: { throughputEnabled: false, autoScaling: false },
      statuses: {
        sentLatencyMs: 5,
        deliveredLatencyMs: 10,
        readProbability: 0,
        batchWindowMs: 5,
      },
    },
    {},
    { clock: (sim) => ({ now: () => sim.control.clockNow() }) },
  );
  // The simulator's webhooks go to the panel itself, signed with the account's app secret.
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  bed.sim.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/whatsapp`);
  account = await bed.connect();
  expect((await bed.accounts().testConnection(account.id)).ok).toBe(true);
  api = (await bed.accounts().graphAccess(account.id)).api;
  ({ conversations, contacts } = conversationsModuleOf(bed.t));
});
afterAll(async () => {
  await bed.close();
});

/** Every status the simulator scheduled has reached the panel and been applied. */
async function settle(): Promise<void> {
  await bed.sim.control.flush(20_000);
  expect(await bed.t.ctx.background.drain(10_000)).toBe(true);
}

/** A send with what the panel stores of it. */
interface Outgoing {
  body: SendMessageBody;
  type: string;
  text: string | null;
}
const text = (to: string, body: string): Outgoing => ({
  body: { to, type: 'text', text: { body } },
  type: 'text',
  text: body,
});
const hello = (to: string): Outgoing => ({
  body: { to, type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } },
  type: 'template',
  text: null,
});

/** Sends through the panel's Graph client and stores the message as the panel would. */
async function sendAndRecord(contactId: string, { body, type, text }: Outgoing): Promise<string> {
  const res = await api.sendMessage(PHONE, body);
  const wamid = res.messages[0]?.id;
  if (wamid === undefined) throw new Error('no wamid in the send response');
  const { messageId } = await conversations.recordOutbound(bed.t.ctx.db.kysely, {
    accountId: account.id,
    phoneNumberId: PHONE,
    contactId,
    wamid,
    type,
    text,
    payload: body,
  });
  return messageId;
}

async function stored(messageId: string) {
  const row = await findMessageById(bed.t.ctx.db.kysely, messageId);
  if (row === undefined) throw new Error(`message ${messageId} not stored`);
  return row;
}

describe(`the panel and the simulator on one simulated clock, on ${testDialect}`, () => {
  it('closes the window after 24 h + 1 s for both: free-form fails 131047, a template goes, a tier slot frees after a day', async () => {
    // A customer writes in; the webhook reaches the panel and opens its window.
    const inbound = bed.sim.control.inbound(CUSTOMER, {
      type: 'text',
      text: { body: 'Is my order on its way?' },
    });
    await settle();
    const received = await findMessageByWamid(bed.t.ctx.db.kysely, inbound.id);
    if (received === undefined) throw new Error('the inbound message did not reach the panel');
    const { conversationId, contactId } = received;
    const wroteAt = Number(inbound.timestamp) * 1000;
    const db = bed.t.ctx.db.kysely;
    expect(await conversations.serviceWindow(db, conversationId)).toEqual({
      open: true,
      expiresAt: wroteAt + DAY,
    });

    // Inside the window a free-form reply is delivered (so the failure below is the window's).
    const reply = await sendAndRecord(contactId, text(CUSTOMER, 'It left the warehouse today.'));
    await settle();
    expect(await stored(reply)).toMatchObject({ status: 'delivered', errorCode: null });

    // One jump moves both: the panel's clock is a simulated day ahead of real time.
    const before = bed.t.ctx.clock.now();
    bed.sim.control.advanceClock(DAY + 1000);
    expect(bed.t.ctx.clock.now()).toBeGreaterThanOrEqual(before + DAY + 1000);
    expect(bed.t.ctx.clock.now() - Date.now()).toBeGreaterThan(DAY);
    expect(await conversations.serviceWindow(db, conversationId)).toEqual({
      open: false,
      expiresAt: wroteAt + DAY,
    });

    // A free-form send is accepted, then fails with 131047 (Meta's asynchronous re-engagement
    // failure); the panel stores it as "window closed", agreeing with its own window.
    const late = await sendAndRecord(contactId, text(CUSTOMER, 'Anything else?'));
    // An approved template still goes through outside the window.
    const template = await sendAndRecord(contactId, hello(CUSTOMER));
    await settle();
    expect(await stored(late)).toMatchObject({
      status: 'failed',
      errorCode: 131047,
      failureKind: 'window_closed',
    });
    expect(await stored(template)).toMatchObject({ status: 'delivered', errorCode: null });

    // That template, delivered outside the window, took one slot of the portfolio's limit.
    expect(bed.sim.control.portfolioUsage()).toEqual({ tier: 'TIER_250', used: 1 });
    expect((await bed.accounts().get(account.id)).messagingLimitTier).toBe('TIER_250');

    // Fill the remaining 249 slots in the same simulated moment; a new user is then refused.
    const others = Array.from({ length: 249 }, (_, i) => `1650558${1000 + i}`);
    for (let i = 0; i < others.length; i += 50) {
      await Promise.all(
        others.slice(i, i + 50).map((to) => api.sendMessage(PHONE, hello(to).body)),
      );
    }
    await settle();
    expect(bed.sim.control.portfolioUsage().used).toBe(250);
    const { contactId: latecomerId } = await contacts.identify(db, {
      waId: LATECOMER,
      userId: null,
    });
    const refused = await sendAndRecord(latecomerId, hello(LATECOMER));
    await settle();
    // Meta documents no code for it; the simulator fails the delivery with 131048 (NOTES §6.2).
    expect(await stored(refused)).toMatchObject({ status: 'failed', errorCode: 131048 });
    expect(bed.sim.control.portfolioUsage().used).toBe(250);

    // A minute short of a day the slots are still taken (the limit is a rolling 24 h) ...
    bed.sim.control.advanceClock(DAY - 60_000);
    expect(bed.sim.control.portfolioUsage().used).toBe(250);
    // ... and a day after they were used every one is free again: the new user gets through.
    bed.sim.control.advanceClock(60_000);
    expect(bed.sim.control.portfolioUsage().used).toBe(0);
    const admitted = await sendAndRecord(latecomerId, hello(LATECOMER));
    await settle();
    expect(await stored(admitted)).toMatchObject({ status: 'delivered', errorCode: null });
    expect(bed.sim.control.portfolioUsage()).toEqual({ tier: 'TIER_250', used: 1 });
  }, 60_000);
});
