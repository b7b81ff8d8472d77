import http from 'node:http';
import { createCampaignSchema, type CampaignVariables } from '@kiana/contracts';
import type { MessageRecord, SimulatorControl } from '@kiana/simulator';
import type { KianaApp } from './app';
import type { TravelClock } from './platform/clock';
import type { SeedStep } from './seed/seeder';
import { systemActor, type AuditContext } from './modules/audit/audit.service';
import { ConflictError } from './errors';
import type { Logger } from './logger';

// Demo mode's past (issue 17, "Demo history"): four weeks of a small shop's WhatsApp life,
// lived through the product's own paths rather than written into tables. Both clocks (the
// panel's and the simulator's) are sent back to each past moment in turn; there the shop's
// contacts are added, campaigns are created, launched, materialised and dispatched through
// the Sender to the simulator, whose signed status webhooks (with pricing) and customers'
// replies and opt-outs come back through the webhook intake. Every row (messages, statuses,
// recipients, consent ledger, conversations, and the rollups folded from them) is what the
// product wrote. Customers read a campaign over the day after it, as real ones do (most within
// the hour, a tail over a day, about 70 % in all): the clocks step forward through those hours
// and the simulator's customers read then. It runs once, before the panel serves, in a few
// seconds.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Tag = 'newsletter' | 'appointments';

/**
 * The shop's customers. +1 650 555 0000 is not on WhatsApp (the simulator fails it with
 * 131026); the others are. Ava Johnson only ever receives campaigns: her window stays closed.
 * WhatsApp reports the Mexican customers as 521… (the simulator does so); Sofía's reply
 * lands on her +52 contact all the same.
 */
const CUSTOMERS: readonly (readonly [phone: string, name: string, tags: readonly Tag[]])[] = [
  ['+16505550141', 'Ava Johnson', ['newsletter', 'appointments']],
  ['+16505550142', 'Liam Smith', ['newsletter']],
  ['+16505550000', 'Noah Brown', ['newsletter']],
  ['+16505550143', 'Emma Davis', ['newsletter', 'appointments']],
  ['+16505550144', 'Oliver Wilson', ['newsletter']],
  ['+16505550145', 'Mia Anderson', ['newsletter', 'appointments']],
  ['+16505550146', 'Ethan Thomas', ['appointments']],
  ['+16505550147', 'Harper Moore', ['newsletter']],
  ['+5511987650141', 'Beatriz Souza', ['newsletter', 'appointments']],
  ['+5511987650142', 'Lucas Lima', ['newsletter']],
  ['+5511987650143', 'Gabriel Alves', ['newsletter', 'appointments']],
  ['+5511987650144', 'Mariana Costa', ['newsletter']],
  ['+5521987650146', 'Juliana Rocha', ['appointments']],
  ['+525512340141', 'Sofía García', ['newsletter', 'appointments']],
  ['+525512340142', 'Diego Hernández', ['newsletter']],
  ['+525512340143', 'Valentina López', ['newsletter']],
  ['+4915112340141', 'Lena Müller', ['newsletter', 'appointments']],
  ['+4915112340142', 'Felix Schneider', ['newsletter']],
  ['+4915112340143', 'Hannah Fischer', ['appointments']],
  ['+919812340141', 'Aarav Sharma', ['newsletter', 'appointments']],
  ['+919812340142', 'Diya Patel', ['newsletter']],
  ['+919812340143', 'Vivaan Gupta', ['newsletter']],
  ['+447911230141', 'George Evans', ['newsletter', 'appointments']],
  ['+447911230142', 'Amelia Hughes', ['newsletter']],
  ['+34612340141', 'Lucía Fernández', ['newsletter', 'appointments']],
];

/**
 * How many of a campaign's delivered customers have read it by some time after its launch:
 * most within the first hour, a tail over the day, about 70 % in all (the simulator's own
 * `readProbability`). Steps end within a day: the next campaign is days later.
 */
const READ_BY: readonly { after: number; share: number }[] = [
  { after: 2 * MINUTE, share: 0.25 },
  { after: 10 * MINUTE, share: 0.4 },
  { after: 30 * MINUTE, share: 0.5 },
  { after: HOUR, share: 0.57 },
  { after: 3 * HOUR, share: 0.62 },
  { after: 8 * HOUR, share: 0.67 },
  { after: 20 * HOUR, share: 0.7 },
];

/** A customer's answer some time after a campaign reached them (having read it first). */
interface Reaction {
  phone: string;
  after: number;
  /** A text reply (in the campaign message's context), "STOP", or WhatsApp's "Stop promotions". */
  kind: 'reply' | 'stop-keyword' | 'stop-promotions';
  text?: string;
}

interface PastCampaign {
  name: string;
  daysAgo: number;
  /** Minutes after midnight UTC. */
  at: number;
  template: { name: string; language: string };
  tag: Tag;
  variables: CampaignVariables;
  reactions: readonly Reaction[];
}

const welcomeOffer = (percent: string, code: string): CampaignVariables => ({
  'header.1': { source: 'field', key: 'name', fallback: 'friend' },
  'body.1': { source: 'fixed', value: percent },
  'button.0': { source: 'fixed', value: code },
});
const reminder = (date: string): CampaignVariables => ({
  'body.name': { source: 'field', key: 'name', fallback: 'there' },
  'body.date': { source: 'fixed', value: date },
});

const CAMPAIGNS: readonly PastCampaign[] = [
  {
    name: 'Welcome offer',
    daysAgo: 26,
    at: 10 * 60,
    template: { name: 'welcome_offer', language: 'en_US' },
    tag: 'newsletter',
    variables: welcomeOffer('15%', 'WELCOME15'),
    reactions: [
      {
        phone: '+5511987650141',
        after: 12 * MINUTE,
        kind: 'reply',
        text: 'Obrigada! Vale para o site também?',
      },
      { phone: '+16505550142', after: 40 * MINUTE, kind: 'reply', text: 'Is it still available?' },
      { phone: '+16505550147', after: 95 * MINUTE, kind: 'stop-keyword' },
      { phone: '+4915112340141', after: 3 * HOUR, kind: 'reply', text: 'Great, see you!' },
    ],
  },
  {
    name: 'Appointment reminders, week 2',
    daysAgo: 18,
    at: 9 * 60 + 30,
    template: { name: 'appointment_reminder', language: 'en_US' },
    tag: 'appointments',
    variables: reminder('Friday, 10:00'),
    reactions: [
      { phone: '+16505550143', after: 20 * MINUTE, kind: 'reply', text: 'Can we move it to 11?' },
      { phone: '+34612340141', after: 2 * HOUR, kind: 'reply', text: '¡Perfecto, gracias!' },
    ],
  },
  {
    name: 'Weekend flash sale',
    daysAgo: 9,
    at: 17 * 60,
    template: { name: 'welcome_offer', language: 'en_US' },
    tag: 'newsletter',
    variables: welcomeOffer('25%', 'FLASH25'),
    reactions: [
      { phone: '+919812340142', after: 8 * MINUTE, kind: 'reply', text: 'Does it work on shoes?' },
      { phone: '+4915112340142', after: 30 * MINUTE, kind: 'stop-promotions' },
      { phone: '+5511987650144', after: 4 * HOUR, kind: 'reply', text: 'Comprei! 🎉' },
      {
        phone: '+525512340141',
        after: 25 * MINUTE,
        kind: 'reply',
        text: '¿Hacen envíos a Guadalajara?',
      },
    ],
  },
  {
    name: 'Appointment reminders, this week',
    daysAgo: 2,
    at: 9 * 60 + 30,
    template: { name: 'appointment_reminder', language: 'en_US' },
    tag: 'appointments',
    variables: reminder('Thursday, 15:30'),
    reactions: [
      {
        phone: '+447911230141',
        after: 45 * MINUTE,
        kind: 'reply',
        text: 'Thanks, I will be there.',
      },
    ],
  },
];

/** Customers writing in a few hours ago: open conversations with their window open. */
const OPEN_CONVERSATIONS: readonly { phone: string; ago: number; text: string }[] = [
  { phone: '+5511987650141', ago: 5 * HOUR, text: 'Olá! Vocês têm esse modelo em azul?' },
  { phone: '+34612340141', ago: 2 * HOUR, text: '¿Tienen envío gratis? 🚚' },
  { phone: '+4915112340141', ago: 35 * MINUTE, text: 'Can I change my delivery address?' },
];

export interface DemoHistoryDeps {
  kiana: KianaApp;
  clock: TravelClock;
  simulator: SimulatorControl;
  /** Where the simulator's webhooks go once the panel serves (restored afterwards). */
  webhookUrl: string;
  logger: Logger;
}

/** The demo's past as a seed step: lived once per database, before the panel serves. */
export function demoHistorySeed(deps: DemoHistoryDeps): SeedStep {
  return {
    key: 'demo.history',
    // A past that could not be lived whole is not lived twice: a second try would repeat
    // campaigns. The panel starts either way.
    apply: () =>
      liveDemoHistory(deps).catch((err: unknown) =>
        deps.logger.warn({ err }, 'the demo history stopped short'),
      ),
  };
}

/** Lives the demo's past; both clocks are back in the present and webhooks restored after. */
export async function liveDemoHistory(deps: DemoHistoryDeps): Promise<void> {
  const { kiana, clock, simulator } = deps;
  const before = simulator.settings();
  const intake = await privateIntake(kiana);
  simulator.setWebhookUrl(intake.url);
  // Statuses come back within a fraction of a second; the simulator's own chatter waits.
  // Nobody reads during the campaign itself: the reads are lived over the hours after it.
  simulator.configure({
    statuses: { sentLatencyMs: 10, deliveredLatencyMs: 30, readProbability: 0, batchWindowMs: 40 },
    behaviour: { chatterIntervalMs: 0, replyRate: 0 },
  });
  try {
    // What the simulator already said (a customer's first chatter, retried since the public
    // port is not open yet) arrives now, at its own time, before the clocks go back.
    await simulator.flush();
    await new History(deps).live();
  } finally {
    clock.backToPresent();
    simulator.setClock(Date.now());
    simulator.configure({ statuses: before.statuses, behaviour: before.behaviour });
    simulator.setWebhookUrl(deps.webhookUrl);
    await intake.close();
  }
}

/**
 * The panel's own request handling on a private loopback port: the simulator's signed
 * webhooks reach the real intake route while the public port is not open yet.
 */
async function privateIntake(kiana: KianaApp): Promise<{ url: string; close(): Promise<void> }> {
  await kiana.app.ready();
  const server = http.createServer((req, res) => kiana.app.routing(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

class History {
  private readonly who: AuditContext = {
    actor: systemActor('demo history'),
    ip: null,
    userAgent: null,
  };
  private readonly tagIds = new Map<Tag, string>();

  constructor(private readonly deps: DemoHistoryDeps) {}

  async live(): Promise<void> {
    const { services } = this.deps.kiana;
    const number = (await services.accounts.listPhoneNumbers())[0];
    if (number === undefined) return;
    const today = Math.floor(Date.now() / DAY) * DAY;
    this.travelTo(today - 30 * DAY + 9 * HOUR);
    await this.addCustomers();
    const templates = await services.templates.list({ accountId: number.accountId });
    for (const c of CAMPAIGNS) {
      const template = templates.find(
        (t) => t.name === c.template.name && t.language === c.template.language,
      );
      if (template === undefined) continue;
      const launchedAt = today - c.daysAgo * DAY + c.at * MINUTE;
      this.travelTo(launchedAt);
      await this.runCampaign(c, number.phoneNumberId, template.id);
      await this.afterCampaign(c, launchedAt);
    }
    const now = Date.now();
    for (const o of OPEN_CONVERSATIONS) {
      this.travelTo(now - o.ago);
      this.deps.simulator.inbound(this.waIdOf(o.phone), { type: 'text', text: { body: o.text } });
      await this.settle();
    }
  }

  /** Both clocks to `at` (only ever forward, once the first trip back is made). */
  private travelTo(at: number): void {
    this.deps.clock.travelTo(at);
    this.deps.simulator.setClock(at);
  }

  /** The customer's WhatsApp id as WhatsApp reports it (Brazil and Mexico rewrite numbers). */
  private waIdOf(phone: string): string {
    return (
      this.deps.simulator.messages({ recipient: digits(phone) }).at(-1)?.wa_id ?? digits(phone)
    );
  }

  /** The latest message of a template the simulator accepted for a customer. */
  private sentTo(phone: string, templateName: string): MessageRecord | undefined {
    return this.deps.simulator.messages({ recipient: digits(phone), templateName }).at(-1);
  }

  /** The shop's customer list, entered as an admin would: tags, then contacts. */
  private async addCustomers(): Promise<void> {
    const { contacts, tags } = this.deps.kiana.services;
    for (const name of ['newsletter', 'appointments'] as const) {
      const existing = (await tags.list()).find((t) => t.name === name);
      this.tagIds.set(
        name,
        existing?.id ?? (await tags.create({ name, colour: null }, this.who)).id,
      );
    }
    for (const [phone, name, tagNames] of CUSTOMERS) {
      const tagIds = tagNames.map((t) => this.tagIds.get(t) ?? '');
      // A re-run after a crash finds the contacts it already added.
      await contacts.create({ phone, name, tagIds }, this.who).catch((err: unknown) => {
        if (!(err instanceof ConflictError)) throw err;
      });
    }
  }

  /** Create, launch, materialise, dispatch, and wait until every status has come back. */
  private async runCampaign(
    c: PastCampaign,
    phoneNumberId: string,
    templateId: string,
  ): Promise<void> {
    const { services, worker, dispatch } = this.deps.kiana;
    const draft = await services.campaigns.create(
      createCampaignSchema.parse({
        name: c.name,
        phoneNumberId,
        templateId,
        audience: { tagIds: [this.tagIds.get(c.tag)] },
        variables: c.variables,
      }),
      this.who,
    );
    await services.campaignControl.launch(draft.id, this.who);
    await worker.drainOnce();
    await dispatch.supervisor.poll();
    await until(async () => (await services.campaigns.get(draft.id)).status === 'completed');
    // Its dispatcher would notice within a second that the number has no work left; time
    // moves on only once it has gone, so no lease of the past is held into the future.
    dispatch.supervisor.dispatcherOf(phoneNumberId)?.close();
    await until(async () => dispatch.supervisor.numbers.length === 0);
    await this.settle();
  }

  /**
   * The day after a campaign, lived forward in steps: at each moment the customers due then
   * read it (through the simulator, so the read status carries that moment) and those who
   * answer at that moment do, once they have read.
   */
  private async afterCampaign(c: PastCampaign, launchedAt: number): Promise<void> {
    const moments = new Map<number, { reads: string[]; reactions: Reaction[] }>();
    const momentAt = (after: number) => {
      const found = moments.get(after);
      if (found !== undefined) return found;
      const moment = { reads: [] as string[], reactions: [] as Reaction[] };
      moments.set(after, moment);
      return moment;
    };
    for (const [id, after] of this.readPlan(c, launchedAt)) momentAt(after).reads.push(id);
    for (const r of c.reactions) momentAt(r.after).reactions.push(r);
    // Both clocks only move forward: the moments in time order, whatever the lists' order.
    for (const after of [...moments.keys()].sort((a, b) => a - b)) {
      const { reads, reactions } = momentAt(after);
      this.travelTo(launchedAt + after);
      for (const id of reads) this.deps.simulator.readMessage(id);
      if (reads.length > 0) await this.settle();
      for (const r of reactions) await this.react(r, c.template.name);
    }
  }

  /**
   * Who reads a campaign when (message id → time after launch). The delivered messages are
   * ranked, customers who answer first (by when they answer), then the others in an order
   * seeded by the campaign's name; each rank reads at the first step of READ_BY whose share
   * covers it, so the same past is lived on every first start. A customer who answers reads
   * by then at the latest.
   */
  private readPlan(c: PastCampaign, launchedAt: number): Map<string, number> {
    const delivered = this.deps.simulator.messages({
      templateName: c.template.name,
      status: 'delivered',
      since: launchedAt,
    });
    const answersAt = new Map<string, number>();
    for (const r of c.reactions) {
      const id = this.sentTo(r.phone, c.template.name)?.id;
      if (id !== undefined) answersAt.set(id, Math.min(answersAt.get(id) ?? r.after, r.after));
    }
    const rankOf = (m: MessageRecord): number =>
      answersAt.get(m.id) ?? DAY + seededFraction(`${c.name}:${m.wa_id}`);
    const ranked = [...delivered].sort((a, b) => rankOf(a) - rankOf(b));
    const plan = new Map<string, number>();
    ranked.forEach((m, i) => {
      const quantile = (i + 0.5) / ranked.length;
      const step = READ_BY.find((s) => quantile < s.share)?.after;
      const answers = answersAt.get(m.id);
      const after = Math.min(step ?? Infinity, answers ?? Infinity);
      if (after !== Infinity) plan.set(m.id, after);
    });
    return plan;
  }

  private async react(r: Reaction, templateName: string): Promise<void> {
    const { simulator } = this.deps;
    const sent = this.sentTo(r.phone, templateName);
    if (sent === undefined) return;
    if (r.kind === 'stop-promotions') simulator.setMarketingPreference(sent.wa_id, 'stop');
    else
      simulator.inbound(sent.wa_id, {
        type: 'text',
        ...(r.kind === 'reply' ? { context: { id: sent.id } } : {}),
        text: { body: r.kind === 'stop-keyword' ? 'STOP' : (r.text ?? '') },
      });
    await this.settle();
  }

  /** Every webhook delivered and applied, every job they enqueued run. */
  private async settle(): Promise<void> {
    await this.deps.simulator.flush();
    await this.deps.kiana.worker.drainOnce();
  }
}

/** A fraction in [0, 1) fixed by `key` (FNV-1a): a seeded, repeatable choice. */
function seededFraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1)
    hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 2 ** 32;
}

function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the demo history did not settle in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
