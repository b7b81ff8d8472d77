import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AutomationSettings } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { SIM, startTestbed, type WhatsAppTestbed } from '../accounts/accounts.testkit';
import { automationSettings } from './automations.settings';
import type { AutomationsService } from './automations.service';

// Inbox automations against the simulator, panel and simulator on one clock: inbound
// messages reach the automations as jobs enqueued by the webhook's intake; replies go
// through the one Sender and every firing is a note in the thread.

const DAY = 24 * 60 * 60 * 1000;
const AWAY = 'We are closed now; we answer from 9:00.';
const WELCOME = 'Welcome to Kiana! An agent will answer soon.';
const BOT_REPLY = 'Hello! How can we help?';

let bed: WhatsAppTestbed;
let base: AutomationSettings;

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
  for (const [i, name] of ['Ana', 'Bea', 'Cai', 'Bot', 'Eli', 'Fay'].entries())
    bed.sim.control.upsertCustomer({ waId: `1650555070${i}`, name });
  base = (await bed.t.ctx.settings.get(bed.t.ctx.db.kysely, automationSettings)).value;
}, 60_000);
afterAll(async () => {
  await bed.close();
}, 30_000);

const waId = (i: number) => `1650555070${i}`;
const automations = () =>
  (
    bed.t.modules.find((m) => m.name === 'automations') as unknown as {
      automations: AutomationsService;
    }
  ).automations;

async function configure(change: Partial<AutomationSettings>): Promise<void> {
  await bed.t.ctx.settings.set(bed.t.ctx.db.kysely, automationSettings, { ...base, ...change });
}

/** The customer writes; the webhook is stored, then the automations' jobs run. */
async function write(i: number, body: string): Promise<void> {
  bed.sim.control.advanceClock(1000);
  bed.sim.control.inbound(waId(i), { type: 'text', text: { body } }, SIM.phoneId);
  await bed.sim.control.flush(20_000);
  expect(await bed.t.ctx.background.drain(10_000)).toBe(true);
  for (let n = 0; n < 3; n++) await bed.t.worker.drainOnce();
}

/** What the customer received from us (the simulator's record of sends). */
const received = (i: number): string[] =>
  bed.sim.control
    .messages({ waId: waId(i), phoneNumberId: SIM.phoneId }, true)
    .map((m) => JSON.stringify(m.payload));

/** The automations' notes in the customer's thread, oldest first. */
async function notes(i: number): Promise<string[]> {
  const rows = await bed.t.ctx.db.kysely
    .selectFrom('messages as m')
    .innerJoin('contacts as c', 'c.id', 'm.contactId')
    .select(['m.text'])
    .where('c.waId', '=', waId(i))
    .where('m.kind', '=', 'note')
    .where('m.type', '=', 'automation')
    .orderBy('m.createdAt')
    .execute();
  return rows.map((r) => r.text ?? '');
}

describe(`inbox automations on ${testDialect}`, () => {
  it('saves the settings through the API (audited) and refuses an unknown time zone', async () => {
    const bad = await bed.call({
      method: 'PUT',
      url: '/api/v1/automations/settings',
      payload: {
        ...base,
        businessHours: {
          isEnabled: true,
          numbers: [
            {
              phoneNumberId: SIM.phoneId,
              timeZone: 'Mars/Olympus',
              intervals: [],
              awayMessage: AWAY,
            },
          ],
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await bed.call({
      method: 'PUT',
      url: '/api/v1/automations/settings',
      payload: { ...base, replyCooldownMinutes: 15 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<AutomationSettings>().replyCooldownMinutes).toBe(15);
    const audit = await bed.t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'automations.update')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('sends the away reply only outside business hours, in the number’s time zone', async () => {
    await configure({
      businessHours: {
        isEnabled: true,
        numbers: [
          {
            phoneNumberId: SIM.phoneId,
            timeZone: 'America/Sao_Paulo',
            intervals: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
            awayMessage: AWAY,
          },
        ],
      },
    });
    // To the next Monday 11:58:59 UTC: 08:58:59 in São Paulo (UTC−3), before opening.
    const now = bed.sim.control.clockNow();
    const d = new Date(now);
    const daysAhead = (8 - d.getUTCDay()) % 7 || 7;
    const monday = Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate() + daysAhead,
      11,
      59,
    );
    bed.sim.control.advanceClock(monday - now - 1000);

    await write(0, 'Are you open?'); // 08:59 local
    expect(received(0)).toHaveLength(1);
    expect(received(0)[0]).toContain(AWAY);
    expect(await notes(0)).toEqual(['away_reply']);

    bed.sim.control.advanceClock(60_000);
    await write(1, 'Are you open now?'); // 09:00:01 local: open
    expect(received(1)).toEqual([]);
    expect(await notes(1)).toEqual([]);
  }, 60_000);

  it('welcomes a first-time contact once, and not a contact who wrote before', async () => {
    await configure({ welcome: { isEnabled: true, message: WELCOME } });
    await write(2, 'Hi, first time here');
    bed.sim.control.advanceClock(60 * 60_000); // past the anti-loop period
    await write(2, 'Hello again');
    expect(received(2).filter((p) => p.includes(WELCOME))).toHaveLength(1);
    expect(await notes(2)).toEqual(['welcome_reply']);

    await write(1, 'Me again'); // wrote in the previous test: not first-time
    expect(received(1)).toEqual([]);
  }, 60_000);

  it('never loops with a bot that answers every message: one reply per period', async () => {
    await configure({
      replyCooldownMinutes: 10,
      keywords: {
        isEnabled: true,
        rules: [{ match: 'contains', keyword: 'hello', language: null, reply: BOT_REPLY }],
      },
    });
    // The bot says hello, then answers every message it gets with another hello.
    let botMessages = 0;
    let seen: number;
    do {
      seen = received(3).length;
      await write(3, `Hello, I am a bot (${botMessages})`);
      botMessages += 1;
    } while (received(3).length > seen && botMessages < 10);
    expect(botMessages).toBe(2);
    expect(received(3).filter((p) => p.includes(BOT_REPLY))).toHaveLength(1);
    expect(await notes(3)).toEqual(['keyword_reply']);

    // Once the period has passed, the keyword answers again.
    bed.sim.control.advanceClock(10 * 60_000);
    await write(3, 'hello?');
    expect(received(3).filter((p) => p.includes(BOT_REPLY))).toHaveLength(2);
  }, 60_000);

  it('sends no automatic reply to a contact who opted out', async () => {
    await write(4, 'STOP');
    bed.sim.control.advanceClock(60 * 60_000);
    const before = received(4).length;
    await write(4, 'hello there');
    expect(received(4)).toHaveLength(before);
    expect(await notes(4)).toEqual([]);
  }, 60_000);

  it('closes conversations after N days of customer silence, with a note and an audit record', async () => {
    await configure({ autoClose: { isEnabled: true, afterDays: 3 } });
    bed.sim.control.advanceClock(3 * DAY - 60_000);
    await write(5, 'Still there?'); // recent: stays open
    bed.sim.control.advanceClock(2 * 60_000);
    const closed = await automations().autoClose();
    expect(closed).toBe(5);
    const rows = await bed.t.ctx.db.kysely
      .selectFrom('conversations as v')
      .innerJoin('contacts as c', 'c.id', 'v.contactId')
      .select(['c.waId', 'v.state'])
      .orderBy('c.waId')
      .execute();
    expect(rows.map((r) => [r.waId, r.state])).toEqual([
      [waId(0), 'closed'],
      [waId(1), 'closed'],
      [waId(2), 'closed'],
      [waId(3), 'closed'],
      [waId(4), 'closed'],
      [waId(5), 'open'],
    ]);
    expect(await notes(0)).toEqual(['away_reply', 'auto_close']);
    const audit = await bed.t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'conversation.close')
      .execute();
    expect(audit).toHaveLength(5);
    expect(await automations().autoClose()).toBe(0);
  }, 60_000);
});
