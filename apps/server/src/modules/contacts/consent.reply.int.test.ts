import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentKeywordSettings } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { SIM, startTestbed, type WhatsAppTestbed } from '../accounts/accounts.testkit';

// Issue 14: an inbound STOP opts the sender out at once and, when confirmations are on, the
// configured reply goes back through the one Sender — once, however often Meta delivers the
// webhook — and is kept in the contact's conversation.

let bed: WhatsAppTestbed;
const customer = '15550001234';

beforeAll(async () => {
  bed = await startTestbed();
  await bed.connect();
}, 60_000);
afterAll(async () => {
  await bed.close();
});

describe(`keyword confirmation on ${testDialect}`, () => {
  it('saves the rules per language (audited), then confirms an inbound STOP exactly once', async () => {
    const got = await bed.call({ method: 'GET', url: '/api/v1/contacts/consent-keywords' });
    expect(got.statusCode).toBe(200);
    const rules = got.json<ConsentKeywordSettings>();
    expect(rules.isReplyEnabled).toBe(false);
    const en = rules.languages.find((l) => l.language === 'en');
    expect(en?.stopWords).toContain('STOP');
    const reply = 'Unsubscribed. Reply START to come back.';
    const saved = await bed.call({
      method: 'PUT',
      url: '/api/v1/contacts/consent-keywords',
      payload: {
        ...rules,
        isReplyEnabled: true,
        languages: rules.languages.map((l) =>
          l.language === 'en' ? { ...l, stopReply: reply } : l,
        ),
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<ConsentKeywordSettings>().isReplyEnabled).toBe(true);
    const audit = await bed.t.ctx.db.kysely
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'contacts.keywords.update')
      .execute();
    expect(audit).toHaveLength(1);

    // The customer types STOP; the simulator signs the webhook as Meta would.
    bed.sim.control.inbound(customer, { type: 'text', text: { body: 'Stop' } }, SIM.phoneId);
    await bed.receiver.waitFor((r) => r.some((w) => w.raw.includes('"Stop"')));
    const hook = bed.receiver.received.find((w) => w.raw.includes('"Stop"'));
    if (hook === undefined) throw new Error('no inbound webhook');
    // Meta delivers at least once: the same webhook twice.
    for (let i = 0; i < 2; i++) {
      const res = await bed.t.app.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': hook.signature ?? '',
        },
        payload: hook.raw,
      });
      expect(res.statusCode).toBe(200);
    }
    for (let i = 0; i < 3; i++) await bed.t.worker.drainOnce();

    const db = bed.t.ctx.db.kysely;
    const contact = await db
      .selectFrom('contacts')
      .select(['id', 'marketingConsent'])
      .where('waId', '=', customer)
      .executeTakeFirstOrThrow();
    expect(contact.marketingConsent).toBe('opted_out');

    // Sent once, though the contact has just opted out: a service reply, not marketing.
    const sent = bed.sim.control.messages({ waId: customer, phoneNumberId: SIM.phoneId }, true);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.payload)).toContain(reply);

    // Kept in the conversation beside the STOP.
    const messages = await db
      .selectFrom('messages')
      .select(['direction', 'text'])
      .where('contactId', '=', contact.id)
      .orderBy('direction')
      .execute();
    expect(messages.map((m) => [m.direction, m.text])).toEqual([
      ['in', 'Stop'],
      ['out', reply],
    ]);
  }, 60_000);

  it('refuses a language listed twice, naming the field', async () => {
    const got = await bed.call({ method: 'GET', url: '/api/v1/contacts/consent-keywords' });
    const rules = got.json<ConsentKeywordSettings>();
    const first = rules.languages[0];
    if (first === undefined) throw new Error('no default language');
    const res = await bed.call({
      method: 'PUT',
      url: '/api/v1/contacts/consent-keywords',
      payload: { ...rules, languages: [first, first] },
    });
    expect(res.statusCode).toBe(400);
  });
});
