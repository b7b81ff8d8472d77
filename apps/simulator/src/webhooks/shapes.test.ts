import { afterEach, describe, expect, it } from 'vitest';
import { messagesValueSchema, webhookEnvelopeSchema } from '@kiana/contracts';
import { PHONE_ID, WABA_ID, startHarness, type Harness } from '../testing/harness';
import { idOf, send, templateBody, textBody } from '../testing/sends';
import { statusesOf } from '../testing/webhook-receiver';

// Webhook shapes Meta may send (issue 12, NOTES §3.2): several entries and changes in one POST,
// inbound messages batched, statuses and messages mixed, two WABAs of one app in one body; and
// the 2026 business-scoped user ids, including customers whose phone number Meta withholds.

const SECOND_PHONE = '106540352242923';
const OTHER_WABA = '102290129340399';
const OTHER_PHONE = '106540352242999';
let h: Harness;
afterEach(() => h.close());

describe('combined webhook bodies', () => {
  it('packs two WABAs, several numbers, batched inbound messages and statuses into one signed POST', async () => {
    // A long batch window: everything below lands in one batch, sent by flush().
    h = await startHarness({ webhooks: { combine: true }, statuses: { batchWindowMs: 10_000 } });
    h.sim.control.upsertNumber({
      id: OTHER_PHONE,
      wabaId: OTHER_WABA,
      displayPhoneNumber: '+1 555-0199',
    });
    h.sim.control.inbound('447700900123', { type: 'text', text: { body: 'hi' } });
    const sent = idOf(await send(h, templateBody('16505551234')));
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'one' } });
    h.sim.control.inbound('5511987654321', { type: 'text', text: { body: 'two' } });
    h.sim.control.inbound('5511987654321', { type: 'text', text: { body: 'olá' } }, SECOND_PHONE);
    h.sim.control.inbound(
      '919876543210',
      { type: 'text', text: { body: 'other waba' } },
      OTHER_PHONE,
    );
    await h.sim.control.flush();
    expect(h.receiver.received).toHaveLength(1);
    const first = h.receiver.received[0];
    expect(first?.isSignatureValid).toBe(true);
    const body = webhookEnvelopeSchema.parse(first?.body);
    expect(body.entry.map((e) => e.id)).toEqual([WABA_ID, OTHER_WABA]);
    const [main, other] = body.entry;
    const phones = main?.changes.map(
      (c) => messagesValueSchema.parse(c.value).metadata.phone_number_id,
    );
    expect(phones).toEqual([PHONE_ID, SECOND_PHONE]);
    const firstValue = messagesValueSchema.parse(main?.changes[0]?.value);
    expect(firstValue.messages?.map((m) => m.text?.body)).toEqual(['hi', 'one', 'two']);
    expect(firstValue.contacts?.map((c) => c.wa_id)).toEqual([
      '447700900123',
      '16505551234',
      '5511987654321',
    ]);
    expect(firstValue.statuses?.some((s) => s.id === sent)).toBe(true);
    expect(messagesValueSchema.parse(other?.changes[0]?.value).messages).toHaveLength(1);
  });

  it('keeps one inbound message per POST when combining is off (the default)', async () => {
    h = await startHarness();
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'one' } });
    h.sim.control.inbound('5511987654321', { type: 'text', text: { body: 'two' } });
    await h.receiver.waitFor((r) => r.length === 2);
    expect(h.receiver.received.map((r) => r.body.entry[0]?.changes[0]?.value)).toHaveLength(2);
  });
});

describe('business-scoped user ids', () => {
  const USERNAME_ONLY = '447700900555';

  it('lets a username-only customer write in without a phone number and be answered by BSUID', async () => {
    h = await startHarness();
    h.sim.control.upsertCustomer({
      waId: USERNAME_ONLY,
      name: 'Grace',
      username: '@grace.h',
      userId: 'GB.8829104471',
      phoneWithheld: true,
    });
    const msg = h.sim.control.inbound(USERNAME_ONLY, { type: 'text', text: { body: 'hello' } });
    await h.receiver.waitFor((r) => r.length === 1);
    const value = messagesValueSchema.parse(
      h.receiver.received[0]?.body.entry[0]?.changes[0]?.value,
    );
    expect(value.contacts).toEqual([
      { profile: { name: 'Grace', username: '@grace.h' }, user_id: 'GB.8829104471' },
    ]);
    expect(value.messages?.[0]).not.toHaveProperty('from');
    expect(value.messages?.[0]).toMatchObject({ id: msg.id, from_user_id: 'GB.8829104471' });
    // The business answers by `recipient`; the response names the user id, not a wa_id.
    const reply = await send(h, {
      messaging_product: 'whatsapp',
      recipient: 'GB.8829104471',
      type: 'text',
      text: { body: 'Hi Grace' },
    });
    expect(reply.body.contacts).toEqual([{ input: 'GB.8829104471', user_id: 'GB.8829104471' }]);
    await h.sim.control.flush();
    const statuses = statusesOf(h.receiver.received).filter((s) => s.id === idOf(reply));
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const s of statuses) {
      expect(s.recipient_user_id).toBe('GB.8829104471');
      expect(s).not.toHaveProperty('recipient_id');
    }
    expect(h.sim.control.messages({ recipient: 'GB.8829104471' })).toHaveLength(1);
  });

  it('reveals the phone number later under the same user id (for the panel to merge contacts)', async () => {
    h = await startHarness();
    h.sim.control.upsertCustomer({ waId: USERNAME_ONLY, name: 'Grace', phoneWithheld: true });
    h.sim.control.inbound(USERNAME_ONLY, { type: 'text', text: { body: 'first' } });
    h.sim.control.upsertCustomer({ waId: USERNAME_ONLY, name: 'Grace', phoneWithheld: false });
    h.sim.control.inbound(USERNAME_ONLY, { type: 'text', text: { body: 'second' } });
    await h.receiver.waitFor((r) => r.length === 2);
    const [before, after] = h.receiver.received.map((r) =>
      messagesValueSchema.parse(r.body.entry[0]?.changes[0]?.value),
    );
    expect(before?.contacts?.[0]?.wa_id).toBeUndefined();
    expect(after?.contacts?.[0]?.wa_id).toBe(USERNAME_ONLY);
    expect(after?.messages?.[0]?.from).toBe(USERNAME_ONLY);
    expect(after?.contacts?.[0]?.user_id).toBe(before?.contacts?.[0]?.user_id);
  });

  it('puts user ids on every contact and status; a failed send to a phone number has none', async () => {
    h = await startHarness();
    h.sim.control.inbound('16505551234', { type: 'text', text: { body: 'hi' } });
    const ok = idOf(await send(h, textBody('16505551234')));
    const failed = idOf(await send(h, templateBody('16505550000')));
    await h.sim.control.flush();
    const all = statusesOf(h.receiver.received);
    const okStatuses = all.filter((s) => s.id === ok);
    expect(okStatuses.every((s) => /^US\.\d+$/.test(String(s.recipient_user_id)))).toBe(true);
    expect(okStatuses.every((s) => s.recipient_id === '16505551234')).toBe(true);
    const failedStatus = all.find((s) => s.id === failed);
    expect(failedStatus).toMatchObject({ status: 'failed', recipient_id: '16505550000' });
    expect(failedStatus).not.toHaveProperty('recipient_user_id');
  });

  it('refuses a recipient that is no known user id (100)', async () => {
    h = await startHarness();
    const res = await send(h, {
      messaging_product: 'whatsapp',
      recipient: 'US.000',
      type: 'text',
      text: { body: 'x' },
    });
    expect(res.body.error?.code).toBe(100);
  });
});
