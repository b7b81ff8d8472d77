import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AnalyticsSummary,
  CampaignPage,
  CampaignReport,
  ConsentHistory,
  ConversationList,
  MessageLogPage,
  Thread,
} from '@kiana/contracts';
import { testDialect } from '../test/test-db';
import {
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from './modules/accounts/accounts.testkit';
import type { AnalyticsModule } from './modules/analytics/analytics.module';
import { travelClock } from './platform/clock';
import { liveDemoHistory } from './demo.history';

// Issue 17, "Demo history": the demo's past lived through the product against the simulator,
// then read back the way the panel shows it: the campaigns list and a report, the dashboard's
// summary over 30 days, the messages log, the consent ledger and the inbox.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const clock = travelClock();
let bed: WhatsAppTestbed;
let livedMs = 0;

beforeAll(async () => {
  bed = await startTestbed({}, {}, { clock: () => clock });
  const account = await bed.connect();
  // As the demo's account seed does: the connection test reads the numbers.
  await bed.accounts().testConnection(account.id);
  await templatesServiceOf(bed.t).sync(account.id);
  const started = Date.now();
  await liveDemoHistory({
    kiana: bed.t,
    clock,
    simulator: bed.sim.control,
    webhookUrl: bed.receiver.url,
    logger: bed.t.ctx.logger,
  });
  livedMs = Date.now() - started;
  const analytics = bed.t.modules.find((m) => m.name === 'analytics') as AnalyticsModule;
  await analytics.fold.run();
}, 120_000);
afterAll(async () => {
  await bed.close();
});

async function get<T>(url: string): Promise<T> {
  const res = await bed.call({ url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<T>();
}

async function contactId(phone: string): Promise<string> {
  const row = await bed.t.ctx.db.kysely
    .selectFrom('contacts')
    .select('id')
    .where('phoneE164', '=', phone)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe(`the demo history on ${testDialect}`, () => {
  it('is lived in a few seconds and leaves both clocks in the present', () => {
    expect(livedMs).toBeLessThan(15_000);
    expect(clock.isAway).toBe(false);
    expect(Math.abs(bed.sim.control.clockNow() - Date.now())).toBeLessThan(1_000);
  });

  it('leaves four finished campaigns spread over the last 30 days', async () => {
    const page = await get<CampaignPage>('/api/v1/campaigns?pageSize=50');
    expect(page.campaigns.map((c) => c.name).sort()).toEqual([
      'Appointment reminders, this week',
      'Appointment reminders, week 2',
      'Weekend flash sale',
      'Welcome offer',
    ]);
    const now = Date.now();
    for (const c of page.campaigns) {
      expect(c.status, c.name).toBe('completed');
      expect(c.launchedAt ?? 0, c.name).toBeGreaterThan(now - 30 * DAY);
      expect(c.launchedAt ?? now, c.name).toBeLessThan(now - DAY);
    }
    const launches = page.campaigns.map((c) => c.launchedAt ?? 0);
    expect(Math.max(...launches) - Math.min(...launches)).toBeGreaterThan(20 * DAY);
  });

  it('reports the welcome offer with its failure, replies, opt-out and cost', async () => {
    const page = await get<CampaignPage>('/api/v1/campaigns?pageSize=50');
    const welcome = page.campaigns.find((c) => c.name === 'Welcome offer');
    const report = await get<CampaignReport>(`/api/v1/campaigns/${welcome?.id ?? ''}/report`);
    // 22 on the newsletter; +1 650 555 0000 is not on WhatsApp.
    expect(report.funnel.targeted).toBe(22);
    expect(report.funnel.sent).toBe(21);
    expect(report.funnel.delivered).toBe(21);
    expect(report.funnel.failed).toBe(1);
    expect(report.failures).toEqual([{ code: 131026, count: 1 }]);
    expect(report.funnel.replied).toBeGreaterThanOrEqual(3);
    expect(report.funnel.optedOut).toBe(1);
    expect(report.cost.costMicros).toBeGreaterThan(0);
    // The flash sale nine days ago skips the customer who sent STOP after the welcome offer.
    const flash = page.campaigns.find((c) => c.name === 'Weekend flash sale');
    const later = await get<CampaignReport>(`/api/v1/campaigns/${flash?.id ?? ''}/report`);
    expect(later.funnel.skipped).toBe(1);
  });

  it('spreads the welcome offer’s reads over the hours after it, most early, not everyone', async () => {
    const page = await get<CampaignPage>('/api/v1/campaigns?pageSize=50');
    const welcome = page.campaigns.find((c) => c.name === 'Welcome offer');
    const report = await get<CampaignReport>(`/api/v1/campaigns/${welcome?.id ?? ''}/report`);
    const { funnel, hours } = report;
    // Not everyone reads (the simulator's customers read about 70 % of what they receive).
    expect(funnel.read).toBeGreaterThanOrEqual(funnel.delivered * 0.5);
    expect(funnel.read).toBeLessThanOrEqual(funnel.delivered * 0.9);
    // The curve holds every read, and the reads are not stacked on the launch hour.
    expect(hours.reduce((n, h) => n + h.read, 0)).toBe(funnel.read);
    const launchHour = hours[0];
    const readHours = hours.filter((h) => h.read > 0);
    expect(readHours.length).toBeGreaterThan(1);
    expect(launchHour?.sent).toBe(funnel.sent);
    // Most read within the first hour; a tail reads hours later.
    expect(launchHour?.read ?? 0).toBeGreaterThan(funnel.read / 2);
    expect(launchHour?.read ?? 0).toBeLessThan(funnel.read);
    const lastRead = readHours.at(-1)?.start ?? 0;
    expect(lastRead - (launchHour?.start ?? lastRead)).toBeGreaterThanOrEqual(3 * HOUR);
    // Still within the day after it: the next campaign comes days later.
    expect(lastRead - (launchHour?.start ?? 0)).toBeLessThan(DAY);
  });

  it('fills the dashboard over 30 days: sends, reads, failures, replies and spend by category', async () => {
    const to = Date.now();
    const s = await get<AnalyticsSummary>(
      `/api/v1/analytics/summary?from=${to - 30 * DAY}&to=${to}&step=day`,
    );
    expect(s.totals.sent).toBeGreaterThan(50);
    expect(s.totals.read).toBeGreaterThan(0);
    expect(s.totals.read).toBeLessThan(s.totals.delivered);
    expect(s.totals.failed).toBeGreaterThanOrEqual(2);
    expect(s.totals.replied).toBeGreaterThanOrEqual(5);
    expect(s.totals.inbound).toBeGreaterThanOrEqual(10);
    expect(s.totals.costMicros).toBeGreaterThan(0);
    expect(s.failures).toContainEqual({ code: 131026, count: 2 });
    expect(s.byCategory.map((c) => c.key).sort()).toEqual(
      expect.arrayContaining(['marketing', 'utility']),
    );
    expect(s.byTemplate.map((t) => t.key)).toEqual(
      expect.arrayContaining(['welcome_offer', 'appointment_reminder']),
    );
    // At least four days of the series carry sends: the past is spread, not stacked on today.
    expect(s.series.filter((d) => d.sent > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('records the STOP keyword and the in-app "Stop promotions" in the consent ledger', async () => {
    const keyword = await get<ConsentHistory>(
      `/api/v1/contacts/${await contactId('+16505550147')}/consent`,
    );
    expect(keyword.state).toBe('opted_out');
    expect(keyword.events[0]).toMatchObject({ state: 'opted_out', source: 'keyword' });
    const inApp = await get<ConsentHistory>(
      `/api/v1/contacts/${await contactId('+4915112340142')}/consent`,
    );
    expect(inApp.state).toBe('opted_out');
    expect(inApp.events[0]).toMatchObject({ state: 'opted_out', source: 'user_preferences' });
  });

  it('shows the failures in the messages log and open conversations in the inbox', async () => {
    const failed = await get<MessageLogPage>('/api/v1/message-log?errorCode=131026');
    expect(failed.messages.length).toBe(2);
    const list = await get<ConversationList>('/api/v1/conversations?limit=100');
    const open = list.conversations.filter((c) => c.window.open);
    expect(open.map((c) => c.contact.name).sort()).toEqual([
      'Beatriz Souza',
      'Lena Müller',
      'Lucía Fernández',
    ]);
    for (const c of open) expect(c.lastMessage?.direction).toBe('in');
    // A customer who only ever received campaigns has a conversation with its window closed.
    const ava = list.conversations.find((c) => c.contact.name === 'Ava Johnson');
    expect(ava?.window.open).toBe(false);
    // Sofía writes from WhatsApp's 521… id: her reply is on her +52 contact, one conversation.
    const sofia = list.conversations.filter((c) => c.contact.name === 'Sofía García');
    expect(sofia).toHaveLength(1);
    expect(sofia[0]?.contact.phoneE164).toBe('+525512340141');
    const thread = await get<Thread>(`/api/v1/conversations/${sofia[0]?.id ?? ''}/messages`);
    const inbound = thread.messages.filter((m) => m.direction === 'in');
    expect(inbound.map((m) => m.text)).toEqual(['¿Hacen envíos a Guadalajara?']);
  });
});
