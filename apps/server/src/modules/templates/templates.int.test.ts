import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDto, TemplateDto, TemplateSyncResult } from '@kiana/contracts';
import type { TemplateDef } from '@kiana/simulator';
import { defaultSeed } from '@kiana/simulator';
import { testDialect } from '../../../test/test-db';
import { insertTemplateRow } from './templates.repo';
import {
  SIM,
  startTestbed,
  templatesServiceOf,
  type WhatsAppTestbed,
} from '../accounts/accounts.testkit';

// 150 extra templates make the panel follow Graph cursors over two pages of 100.
function bulkTemplates(count: number): TemplateDef[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(9_000_000_000 + i),
    wabaId: SIM.wabaId,
    name: `bulk_notice_${String(i).padStart(3, '0')}`,
    language: 'en_US',
    category: 'UTILITY' as const,
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL' as const,
    components: [{ type: 'BODY' as const, text: `Notice number ${i} for your account.` }],
  }));
}

// Meta accepts only a header_handle its upload API issued: beforeAll uploads a PNG for it.
const imageHeader = { type: 'HEADER', format: 'IMAGE', example: { header_handle: [''] } };
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const imageDraft = {
  name: 'spring_launch',
  language: 'en_US',
  category: 'MARKETING',
  parameterFormat: 'POSITIONAL',
  components: [
    imageHeader,
    {
      type: 'BODY',
      text: 'Hi {{1}}, our spring collection is here with {{2}} off.',
      example: { body_text: [['Ana', '20%']] },
    },
    { type: 'FOOTER', text: 'Tap Stop promotions to opt out' },
    {
      type: 'BUTTONS',
      buttons: [
        {
          type: 'URL',
          text: 'Shop now',
          url: 'https://shop.example.com/spring/{{1}}',
          example: ['SPRING20'],
        },
        { type: 'QUICK_REPLY', text: 'Stop promotions' },
      ],
    },
  ],
};

describe(`templates against the simulator on ${testDialect}`, () => {
  let bed: WhatsAppTestbed;
  let account: AccountDto;
  beforeAll(async () => {
    bed = await startTestbed({
      templates: [...defaultSeed().templates, ...bulkTemplates(150)],
      review: {
        delayMs: 10,
        rules: [{ namePattern: '^rejected_', outcome: 'REJECTED', reason: 'PROMOTIONAL' }],
      },
    });
    account = await bed.connect({ appId: '1234567890123456' });
    const example = await templatesServiceOf(bed.t).uploadHeaderExample(
      account.id,
      {
        fileName: 'spring.png',
        mimeType: 'image/png',
        data: png,
      },
      { actor: { type: 'user', name: 'test' } },
    );
    imageHeader.example.header_handle = [example.handle];
  });
  afterAll(async () => {
    await bed.close();
  });

  const sync = async (): Promise<TemplateSyncResult> => {
    const res = await bed.call({
      method: 'POST',
      url: `/api/v1/whatsapp/accounts/${account.id}/sync-templates`,
    });
    expect(res.statusCode).toBe(200);
    return res.json<TemplateSyncResult>();
  };
  const list = async (query = ''): Promise<TemplateDto[]> =>
    (await bed.call({ method: 'GET', url: `/api/v1/templates${query}` })).json<{
      templates: TemplateDto[];
    }>().templates;
  /** Waits for the simulator's next template status webhook after delivery `from`. */
  const nextTemplateWebhook = async (from: number) => {
    const isStatus = (w: (typeof bed.receiver.received)[number]): boolean =>
      w.body.entry[0]?.changes[0]?.field === 'message_template_status_update';
    await bed.receiver.waitFor((r) => r.slice(from).some(isStatus));
    return bed.receiver.received.slice(from).find(isStatus);
  };
  /** Waits for the next template webhook and hands its `value` to the panel's handler. */
  const deliverTemplateWebhook = async (from: number): Promise<Record<string, unknown>> => {
    const hook = await nextTemplateWebhook(from);
    const value = hook?.body.entry[0]?.changes[0]?.value as Record<string, unknown>;
    await templatesServiceOf(bed.t).applyTemplateStatusUpdate(SIM.wabaId, value);
    return value;
  };

  it('syncs every template across pages and keeps components, status and parameter format', async () => {
    expect(await sync()).toEqual({ total: 158, added: 158, updated: 0, removed: 0 });
    const pages = bed.sim.control
      .requests()
      .filter((r) => r.method === 'GET' && r.path.includes('/message_templates'));
    expect(pages.length).toBe(2);
    const named = (await list('?search=order_confirmation'))[0];
    expect(named).toMatchObject({
      status: 'APPROVED',
      category: 'UTILITY',
      parameterFormat: 'NAMED',
      language: 'en_US',
    });
    expect(named?.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'BUTTONS']);
    expect(await sync()).toEqual({ total: 158, added: 0, updated: 158, removed: 0 });
  });

  it('filters the list by status, category, language and name', async () => {
    expect((await list('?category=MARKETING')).map((t) => t.name).sort()).toEqual([
      'new_arrivals_video',
      'summer_sale_2026',
      'welcome_offer',
    ]);
    expect((await list('?language=pt_BR')).map((t) => t.name)).toEqual(['new_arrivals_video']);
    expect((await list('?search=BULK_NOTICE_14')).length).toBe(10); // 140–149, case-insensitive, `_` literal
    expect((await list('?status=REJECTED')).length).toBe(0);
  });

  it('refuses to submit a template that fails linting, naming each problem', async () => {
    const res = await bed.call({
      method: 'POST',
      url: '/api/v1/templates',
      payload: { ...imageDraft, accountId: account.id, name: 'Spring Launch!' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ details: { code: string }[] }>().details.map((d) => d.code)).toContain(
      'name_format',
    );
    expect(bed.sim.control.templates().some((t) => t.name === 'Spring Launch!')).toBe(false);
  });

  it('submits a template with an image header and buttons: PENDING, then APPROVED by webhook', async () => {
    const from = bed.receiver.received.length;
    const res = await bed.call({
      method: 'POST',
      url: '/api/v1/templates',
      payload: { ...imageDraft, accountId: account.id },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<TemplateDto>();
    expect(created).toMatchObject({
      name: 'spring_launch',
      status: 'PENDING',
      category: 'MARKETING',
    });
    expect(created.metaId).toBe(
      bed.sim.control.templates().find((t) => t.name === 'spring_launch')?.id,
    );
    const value = await deliverTemplateWebhook(from);
    expect(value).toMatchObject({ event: 'APPROVED', message_template_name: 'spring_launch' });
    expect(
      (
        await bed.call({ method: 'GET', url: `/api/v1/templates/${created.id}` })
      ).json<TemplateDto>().status,
    ).toBe('APPROVED');
  });

  it('records a rejection with Meta’s reason', async () => {
    const from = bed.receiver.received.length;
    const res = await bed.call({
      method: 'POST',
      url: '/api/v1/templates',
      payload: { ...imageDraft, accountId: account.id, name: 'rejected_launch' },
    });
    const created = res.json<TemplateDto>();
    await deliverTemplateWebhook(from);
    const after = (
      await bed.call({ method: 'GET', url: `/api/v1/templates/${created.id}` })
    ).json<TemplateDto>();
    expect(after.status).toBe('REJECTED');
    expect(after.rejectedReason).toContain('PROMOTIONAL');
  });

  it('applies PAUSED, DISABLED and REINSTATED, and keeps the history', async () => {
    const [tpl] = await list('?search=spring_launch');
    for (const status of ['PAUSED', 'DISABLED']) {
      const from = bed.receiver.received.length;
      bed.sim.control.setTemplateStatus({ name: 'spring_launch' }, status);
      await deliverTemplateWebhook(from);
      expect(
        (
          await bed.call({ method: 'GET', url: `/api/v1/templates/${tpl?.id ?? ''}` })
        ).json<TemplateDto>().status,
      ).toBe(status);
    }
    await templatesServiceOf(bed.t).applyTemplateStatusUpdate(SIM.wabaId, {
      event: 'REINSTATED',
      message_template_id: Number(tpl?.metaId),
      message_template_name: 'spring_launch',
      message_template_language: 'en_US',
      reason: null,
    });
    const events = (
      await bed.call({ method: 'GET', url: `/api/v1/templates/${tpl?.id ?? ''}/events` })
    ).json<{
      events: { newValue: string }[];
    }>().events;
    expect(events.map((e) => e.newValue)).toEqual([
      'APPROVED',
      'DISABLED',
      'PAUSED',
      'APPROVED',
      'PENDING',
    ]);
  });

  it('applies quality and category updates', async () => {
    const [tpl] = await list('?search=summer_sale_2026');
    const ref = {
      message_template_id: Number(tpl?.metaId),
      message_template_name: 'summer_sale_2026',
      message_template_language: 'en_US',
    };
    const svc = templatesServiceOf(bed.t);
    await svc.applyTemplateQualityUpdate(SIM.wabaId, {
      ...ref,
      previous_quality_score: 'GREEN',
      new_quality_score: 'YELLOW',
    });
    await svc.applyTemplateCategoryUpdate(SIM.wabaId, { ...ref, new_category: 'UTILITY' });
    const after = await svc.get(tpl?.id ?? '');
    expect(after).toMatchObject({
      qualityScore: 'YELLOW',
      category: 'UTILITY',
      previousCategory: 'MARKETING',
    });
  });

  it('duplicates a template into another language', async () => {
    const [tpl] = await list('?search=spring_launch');
    const res = await bed.call({
      method: 'POST',
      url: `/api/v1/templates/${tpl?.id ?? ''}/duplicate`,
      payload: { language: 'es_MX' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<TemplateDto>()).toMatchObject({
      name: 'spring_launch',
      language: 'es_MX',
      status: 'PENDING',
    });
    expect(
      bed.sim.control
        .templates()
        .filter((t) => t.name === 'spring_launch')
        .map((t) => t.language)
        .sort(),
    ).toEqual(['en_US', 'es_MX']);
  });

  it('deletes one language, then every language of a name', async () => {
    const versions = await list('?search=spring_launch');
    const es = versions.find((t) => t.language === 'es_MX');
    // Without Meta's id a delete by name would take every language with it: refused.
    await bed.t.ctx.db.kysely
      .updateTable('waTemplates')
      .set({ metaId: null })
      .where('id', '=', es?.id ?? '')
      .execute();
    const refused = await bed.call({
      method: 'DELETE',
      url: `/api/v1/templates/${es?.id ?? ''}?scope=language`,
    });
    expect(refused.statusCode).toBe(400);
    expect(bed.sim.control.templates().filter((t) => t.name === 'spring_launch')).toHaveLength(2);
    const atMeta = bed.sim.control
      .templates()
      .find((t) => t.name === 'spring_launch' && t.language === 'es_MX');
    await bed.t.ctx.db.kysely
      .updateTable('waTemplates')
      .set({ metaId: atMeta?.id ?? null })
      .where('id', '=', es?.id ?? '')
      .execute();
    const one = await bed.call({
      method: 'DELETE',
      url: `/api/v1/templates/${es?.id ?? ''}?scope=language`,
    });
    expect(one.statusCode).toBe(200);
    expect(
      bed.sim.control
        .templates()
        .filter((t) => t.name === 'spring_launch')
        .map((t) => t.language),
    ).toEqual(['en_US']);
    expect((await list('?search=spring_launch')).map((t) => t.language)).toEqual(['en_US']);
    const en = versions.find((t) => t.language === 'en_US');
    await bed.call({ method: 'DELETE', url: `/api/v1/templates/${en?.id ?? ''}?scope=all` });
    expect(bed.sim.control.templates().some((t) => t.name === 'spring_launch')).toBe(false);
    expect(await list('?search=spring_launch')).toEqual([]);
  });

  it('turns the simulator’s signed webhook, through the panel’s receiver, into APPROVED', async () => {
    const from = bed.receiver.received.length;
    const res = await bed.call({
      method: 'POST',
      url: '/api/v1/templates',
      payload: { ...imageDraft, accountId: account.id, name: 'via_receiver' },
    });
    const created = res.json<TemplateDto>();
    const hook = await nextTemplateWebhook(from);
    const posted = await bed.t.app.inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: hook?.raw,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hook?.signature ?? '' },
    });
    expect(posted.statusCode).toBe(200);
    await expect
      .poll(async () => (await templatesServiceOf(bed.t).get(created.id)).status, {
        timeout: 5_000,
      })
      .toBe('APPROVED');
  });

  it('removes templates deleted at Meta on the next sync', async () => {
    // Deleted in WhatsApp Manager, i.e. at Meta directly.
    const gone = await request(
      `${bed.sim.url}/v23.0/${SIM.wabaId}/message_templates?name=bulk_notice_000`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${SIM.token}` },
      },
    );
    expect(gone.statusCode).toBe(200);
    await gone.body.dump();
    const result = await sync();
    expect(result.removed).toBe(1);
    expect(await list('?search=bulk_notice_000')).toEqual([]);
  });

  it('keeps a template stored after the listing began (a submit racing the sync)', async () => {
    // What a submit finishing while the sync reads its pages leaves behind: a row Meta's
    // pages did not list yet, created after the listing started.
    await insertTemplateRow(bed.t.ctx.db.kysely, {
      id: 'racing-submit',
      accountId: account.id,
      metaId: '9999999999',
      name: 'racing_submit',
      language: 'en_US',
      category: 'UTILITY',
      status: 'PENDING',
      parameterFormat: 'POSITIONAL',
      components: '[]',
      rejectedReason: null,
      qualityScore: null,
      previousCategory: null,
      syncedAt: null,
      createdAt: Date.now() + 60_000,
      updatedAt: Date.now(),
    });
    expect((await sync()).removed).toBe(0);
    expect((await list('?search=racing_submit')).map((t) => t.id)).toEqual(['racing-submit']);
  });
});
