import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useIntakeHarness } from '../webhooks/webhooks.fixture';
import { testDialect } from '../../../test/test-db';
import {
  inboundEnvelope,
  statusEnvelope,
  storeOutbound,
  TEST_CREDENTIAL,
} from '../webhooks/webhooks.testkit';
import { listConsentEvents } from './consent.repo';

// Meta's failed-status example, vendored beside the simulator; 131050 reuses its shape.
const failedExample = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL(
        '../../../../simulator/spec/examples/error_131047_status_webhook.json',
        import.meta.url,
      ),
    ),
    'utf8',
  ),
) as { entry: { changes: { value: { statuses: Record<string, unknown>[] } }[] }[] };

const t = useIntakeHarness();
let seq = 0;
const wamid = () => `wamid.consent-${Date.now()}-${(seq += 1)}`;
const waIdOf = () => `1650777${String((seq += 1)).padStart(4, '0')}`;

async function ledgerOf(waId: string) {
  const contact = await t.h.contacts.findByWaId(t.db.kysely, waId);
  if (contact === undefined) throw new Error(`no contact ${waId}`);
  return { contact, events: await listConsentEvents(t.db.kysely, contact.id, 50) };
}

function preferences(waId: string, value: 'stop' | 'resume', at: number): object {
  const envelope = statusEnvelope([]) as {
    entry: { changes: { field: string; value: Record<string, unknown> }[] }[];
  };
  const change = envelope.entry[0]?.changes[0];
  if (change === undefined) throw new Error('envelope without a change');
  change.field = 'user_preferences';
  change.value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550001111', phone_number_id: '106000000000001' },
    contacts: [{ profile: { name: 'Bo' }, wa_id: waId }],
    user_preferences: [
      { wa_id: waId, detail: 'marketing', category: 'marketing_messages', value, timestamp: at },
    ],
  };
  return envelope;
}

function failed131050(id: string, waId: string, at: number): object {
  const body = structuredClone(failedExample);
  const status = body.entry[0]?.changes[0]?.value.statuses[0];
  if (status === undefined) throw new Error('example without a status');
  const title = 'User has stopped marketing messages';
  Object.assign(status, {
    id,
    recipient_id: waId,
    timestamp: String(at),
    errors: [{ code: 131050, title, message: title, error_data: { details: title } }],
  });
  (body.entry[0] as { id?: string }).id = TEST_CREDENTIAL.wabaId;
  return body;
}

describe(`consent ledger on ${testDialect}`, () => {
  it('a STOP text opts the contact out with a keyword entry carrying the word and the message', async () => {
    const waId = waIdOf();
    const at = 1_767_800_000;
    await t.h.post(
      inboundEnvelope({
        from: waId,
        id: wamid(),
        timestamp: String(at),
        type: 'text',
        text: { body: 'STOP' },
      }),
    );
    const { contact, events } = await ledgerOf(waId);
    expect(contact).toMatchObject({ isOptedOut: 1, marketingConsent: 'opted_out' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      state: 'opted_out',
      source: 'keyword',
      detail: 'STOP',
      occurredAt: at * 1000,
      messageId: contact.consentMessageId,
      applied: 1,
    });
    expect(events[0]?.messageId).not.toBeNull();
  });

  it('a "Stop promotions" button reply opts the contact out with its message as evidence', async () => {
    const waId = waIdOf();
    const at = 1_767_800_100;
    await t.h.post(
      inboundEnvelope({
        from: waId,
        id: wamid(),
        timestamp: String(at),
        type: 'button',
        button: { text: 'Stop promotions', payload: 'Stop promotions' },
      }),
    );
    const { contact, events } = await ledgerOf(waId);
    expect(contact).toMatchObject({ isOptedOut: 1, marketingConsent: 'opted_out' });
    expect(events).toEqual([
      expect.objectContaining({ state: 'opted_out', occurredAt: at * 1000, applied: 1 }),
    ]);
    expect(events[0]).toMatchObject({ source: 'template_button', detail: 'Stop promotions' });
    expect(events[0]?.messageId).toBe(contact.consentMessageId);
  });

  it('a user_preferences stop opts the contact out with Meta’s category as detail', async () => {
    const waId = waIdOf();
    const at = 1_767_800_200;
    await t.h.post(preferences(waId, 'stop', at));
    const { contact, events } = await ledgerOf(waId);
    expect(contact).toMatchObject({ isOptedOut: 1, marketingConsent: 'opted_out' });
    expect(events).toEqual([
      expect.objectContaining({
        state: 'opted_out',
        source: 'user_preferences',
        detail: 'marketing_messages',
        occurredAt: at * 1000,
        applied: 1,
      }),
    ]);
  });

  it('a 131050 failure opts the contact out with the failed message as evidence', async () => {
    const waId = waIdOf();
    const id = wamid();
    const at = 1_767_800_300;
    const sent = await storeOutbound(t.h, t.db, id, waId);
    await t.h.post(failed131050(id, waId, at));
    const { contact, events } = await ledgerOf(waId);
    expect(contact).toMatchObject({ isOptedOut: 1, marketingConsent: 'opted_out' });
    expect(events).toEqual([
      expect.objectContaining({
        state: 'opted_out',
        source: 'failed_131050',
        messageId: sent.messageId,
        occurredAt: at * 1000,
      }),
    ]);
  });

  it('records a late, older START without undoing the newer STOP', async () => {
    const waId = waIdOf();
    const at = 1_767_800_400;
    await t.h.post(preferences(waId, 'stop', at + 60));
    await t.h.post(preferences(waId, 'resume', at));
    const { contact, events } = await ledgerOf(waId);
    expect(contact).toMatchObject({ isOptedOut: 1, marketingConsent: 'opted_out' });
    expect(contact.optedOutAt).toBe((at + 60) * 1000);
    expect(events.map((e) => [e.state, e.occurredAt, e.applied])).toEqual([
      ['opted_out', (at + 60) * 1000, 1],
      ['opted_in', at * 1000, 0],
    ]);
  });

  it('records a redelivered webhook once', async () => {
    const waId = waIdOf();
    const body = preferences(waId, 'stop', 1_767_800_500);
    await t.h.post(body);
    await t.h.post(body);
    expect((await ledgerOf(waId)).events).toHaveLength(1);
  });
});
