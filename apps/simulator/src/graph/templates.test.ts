import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateListResponseSchema } from '@kiana/contracts';
import { PHONE_ID, WABA_ID, startHarness, type Harness } from '../testing/harness';
import { operation, validator } from '../testing/spec';
import { changesOf } from '../testing/webhook-receiver';

// Template management and template-send validation (132000/132001/132012/132015/132016).

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    review: { rules: [{ namePattern: '^bad_', outcome: 'REJECTED', reason: 'PROMOTIONAL' }] },
  });
});
afterAll(() => h.close());

const base = `/v23.0/${WABA_ID}/message_templates`;
const newTemplate = (name: string): Record<string, unknown> => ({
  name,
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'BODY', text: 'Hi {{1}}, your code is ready.', example: { body_text: [['Ana']] } },
  ],
});
const sendTemplate = (
  name: string,
  language: string,
  components: unknown[],
): ReturnType<Harness['graph']> =>
  h.graph('POST', `/v23.0/${PHONE_ID}/messages`, {
    messaging_product: 'whatsapp',
    to: '16505551234',
    type: 'template',
    template: { name, language: { code: language }, components },
  });

describe('template management', () => {
  it('creates PENDING templates that review approves or rejects by rule, with webhooks', async () => {
    const good = await h.graph('POST', base, newTemplate('good_news'));
    const bad = await h.graph('POST', base, newTemplate('bad_news'));
    expect(good.body).toMatchObject({ status: 'PENDING', category: 'UTILITY' });
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 2);
    const events = changesOf(h.receiver.received, 'message_template_status_update');
    expect(events.find((e) => e.message_template_name === 'good_news')).toMatchObject({
      event: 'APPROVED',
      reason: 'NONE',
    });
    expect(events.find((e) => e.message_template_name === 'bad_news')).toMatchObject({
      event: 'REJECTED',
      reason: 'PROMOTIONAL',
    });
    expect((await h.graph('GET', `/v23.0/${String(good.body.id)}`)).body.status).toBe('APPROVED');
    expect((await h.graph('GET', `/v23.0/${String(bad.body.id)}`)).body.status).toBe('REJECTED');
  });

  it('refuses duplicates and malformed templates with code 100', async () => {
    expect((await h.graph('POST', base, newTemplate('good_news'))).body.error.code).toBe(100);
    expect(
      (await h.graph('POST', base, { ...newTemplate('x'), name: 'Bad Name' })).body.error.code,
    ).toBe(100);
  });

  it('pages with cursors, filters and summarises', async () => {
    const first = await h.graph('GET', `${base}?limit=3&summary=total_count`);
    expect(templateListResponseSchema.safeParse(first.body).success).toBe(true);
    const inline =
      operation('/{Version}/{WABA-ID}/message_templates', 'get').responses['200']?.content?.[
        'application/json'
      ]?.schema ?? {};
    expect(validator(inline as object)(first.body)).toBe(true);
    expect(first.body.data).toHaveLength(3);
    const total = first.body.summary.total_count as number;
    const seen = [...(first.body.data as { id: string }[])];
    let next = first.body.paging.next as string | undefined;
    while (next !== undefined) {
      const page = await h.graph('GET', new URL(next).pathname + new URL(next).search);
      seen.push(...(page.body.data as { id: string }[]));
      next = page.body.paging?.next as string | undefined;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((t) => t.id)).size).toBe(total);
    const marketing = await h.graph(
      'GET',
      `${base}?category=MARKETING&status=APPROVED&fields=name,category`,
    );
    expect(
      (marketing.body.data as { category: string }[]).every((t) => t.category === 'MARKETING'),
    ).toBe(true);
  });

  it('deletes by name', async () => {
    expect((await h.graph('DELETE', `${base}?name=bad_news`)).body).toEqual({ success: true });
    expect((await h.graph('GET', `${base}?name=bad_news`)).body.data).toHaveLength(0);
  });
});

describe('template sends', () => {
  it('rejects unknown, pending, paused and disabled templates', async () => {
    expect((await sendTemplate('nope', 'en_US', [])).body.error.code).toBe(132001);
    expect((await sendTemplate('hello_world', 'pt_BR', [])).body.error.code).toBe(132001);
    h.sim.control.setTemplateStatus({ name: 'hello_world' }, 'PAUSED');
    expect((await sendTemplate('hello_world', 'en_US', [])).body.error.code).toBe(132015);
    h.sim.control.setTemplateStatus({ name: 'hello_world' }, 'DISABLED');
    expect((await sendTemplate('hello_world', 'en_US', [])).body.error.code).toBe(132016);
    h.sim.control.setTemplateStatus({ name: 'hello_world' }, 'APPROVED');
    expect((await sendTemplate('hello_world', 'en_US', [])).status).toBe(200);
  });

  it('checks parameter counts (132000) and kinds (132012)', async () => {
    const body = (n: number): unknown => ({
      type: 'body',
      parameters: Array.from({ length: n }, () => ({ type: 'text', text: 'x' })),
    });
    const header = {
      type: 'header',
      parameters: [{ type: 'image', image: { link: 'https://x/y.jpg' } }],
    };
    const url = {
      type: 'button',
      sub_type: 'url',
      index: '0',
      parameters: [{ type: 'text', text: 'S25' }],
    };
    expect((await sendTemplate('summer_sale_2026', 'en_US', [header, body(3), url])).status).toBe(
      200,
    );
    expect(
      (await sendTemplate('summer_sale_2026', 'en_US', [header, body(2), url])).body.error.code,
    ).toBe(132000);
    expect(
      (await sendTemplate('summer_sale_2026', 'en_US', [header, body(3)])).body.error.code,
    ).toBe(132000);
    const videoHeader = {
      type: 'header',
      parameters: [{ type: 'video', video: { link: 'https://x/y.mp4' } }],
    };
    expect(
      (await sendTemplate('summer_sale_2026', 'en_US', [videoHeader, body(3), url])).body.error
        .code,
    ).toBe(132012);
  });

  it('checks named parameters', async () => {
    const named = (names: string[]): unknown[] => [
      {
        type: 'body',
        parameters: names.map((n) => ({ type: 'text', parameter_name: n, text: 'v' })),
      },
    ];
    expect(
      (await sendTemplate('appointment_reminder', 'en_US', named(['name', 'date']))).status,
    ).toBe(200);
    expect(
      (await sendTemplate('appointment_reminder', 'en_US', named(['name', 'when']))).body.error
        .code,
    ).toBe(132000);
  });
});
