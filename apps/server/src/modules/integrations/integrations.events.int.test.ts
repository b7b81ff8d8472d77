import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outgoingPayloadSchemas, type OutgoingEventType } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';

// The events written to the outbox by the modules that own the change, in its transaction:
// consent choices (contacts), template status and number quality (webhook field handlers).
// Each must leave one outbox event of its type with a payload matching its documented schema.

let bed: WhatsAppTestbed;

beforeAll(async () => {
  bed = await startTestbed();
  const account = await bed.connect();
  await templatesServiceOf(bed.t).sync(account.id);
  await bed.accounts().testConnection(account.id);
  expect(
    (
      await bed.call({
        method: 'PUT',
        url: '/api/v1/integrations/settings',
        payload: { allowedPrivateAddresses: ['127.0.0.1/32'], disableAfterHours: 24 },
      })
    ).statusCode,
  ).toBe(200);
  const created = await bed.call({
    method: 'POST',
    url: '/api/v1/integrations/webhooks',
    payload: {
      url: 'http://127.0.0.1:9/hook',
      events: ['contact.opted_out', 'contact.opted_in', 'template.status', 'number.quality'],
    },
  });
  expect(created.statusCode).toBe(201);
}, 60_000);
afterAll(async () => {
  await bed.close();
});

async function eventsOf(type: OutgoingEventType): Promise<Record<string, unknown>[]> {
  const rows = await bed.t.ctx.db.kysely
    .selectFrom('outgoingEvents')
    .select('data')
    .where('type', '=', type)
    .execute();
  return rows.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    // Every payload is what the documented schema says.
    expect(outgoingPayloadSchemas[type].safeParse(data).success).toBe(true);
    return data;
  });
}

describe(`outgoing events of other modules on ${testDialect}`, () => {
  it('writes contact.opted_out and contact.opted_in when a choice changes the contact, once', async () => {
    const created = await bed.call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { phone: '+14155550177', name: 'Cy' },
    });
    const contactId = created.json<{ id: string }>().id;
    const consent = (state: string) =>
      bed.call({
        method: 'POST',
        url: `/api/v1/contacts/${contactId}/consent`,
        payload: { state, note: 'asked by phone' },
      });
    expect((await consent('opted_out')).statusCode).toBe(200);
    expect(await eventsOf('contact.opted_out')).toEqual([
      expect.objectContaining({ contactId, source: expect.stringMatching(/^admin/) }),
    ]);
    expect((await consent('opted_in')).statusCode).toBe(200);
    expect(await eventsOf('contact.opted_in')).toEqual([expect.objectContaining({ contactId })]);
  });

  it('writes template.status when Meta reports a status change', async () => {
    const templates = templatesServiceOf(bed.t);
    const hello = (await templates.list({ search: 'hello_world' })).find(
      (t) => t.name === 'hello_world',
    );
    expect(hello?.metaId).toBeTruthy();
    await templates.applyTemplateStatusUpdate(SIM.wabaId, {
      event: 'PAUSED',
      message_template_id: Number(hello?.metaId),
      message_template_name: 'hello_world',
      message_template_language: 'en_US',
      reason: null,
    });
    expect(await eventsOf('template.status')).toEqual([
      { templateName: 'hello_world', language: 'en_US', status: 'PAUSED', reason: null },
    ]);
  });

  it('writes number.quality when Meta reports a quality event', async () => {
    const [number] = await bed.accounts().listPhoneNumbers();
    expect(number).toBeDefined();
    await bed.accounts().applyPhoneNumberQualityUpdate(SIM.wabaId, {
      display_phone_number: number?.displayPhoneNumber ?? '',
      event: 'FLAGGED',
      current_limit: 'TIER_1K',
    });
    expect(await eventsOf('number.quality')).toEqual([
      {
        phoneNumber: number?.displayPhoneNumber,
        event: 'FLAGGED',
        currentLimit: 'TIER_1K',
      },
    ]);
  });
});
