import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DraftComponent, SlotMapping, TemplateMapping } from '@kiana/contracts';
import { startSimulator, type RunningSimulator, type TemplateDef } from '@kiana/simulator';
import {
  createGraphClient,
  type AccountGraphApi,
  type GraphClient,
} from '../../whatsapp/graph.client';
import { GraphApiError } from '../../whatsapp/graph.errors';
import {
  renderTemplateComponents,
  templateSlots,
  TemplateRenderError,
  type RenderableTemplate,
} from './templates.render';

// Property tests of rendering against the simulator, which checks template sends the way
// Meta does (132000 wrong count or names, 132012 wrong parameter kind).

const WABA = '102290129340398';
const PHONE = '106540352242922';
const CUSTOMER = '16505551234';

type HeaderKind = 'none' | 'text' | 'image' | 'video' | 'document' | 'location';
interface Shape {
  named: boolean;
  vars: number;
  header: HeaderKind;
  url: boolean;
  copy: boolean;
  quick: boolean;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  named: fc.boolean(),
  vars: fc.integer({ min: 0, max: 6 }),
  header: fc.constantFrom<HeaderKind>('none', 'text', 'image', 'video', 'document', 'location'),
  url: fc.boolean(),
  copy: fc.boolean(),
  quick: fc.boolean(),
});
// Values Meta accepts in text parameters: no new lines, tabs or runs of 5 spaces.
const textArb = fc
  .stringMatching(/^[A-Za-z0-9À-ÿ.,!?€$%&' -]{1,30}$/)
  .filter((s) => s.trim() !== '' && !/ {5}/.test(s));
const suffixArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
const couponArb = fc.stringMatching(/^[A-Z0-9]{1,15}$/);

let counter = 0;
function buildTemplate(shape: Shape): RenderableTemplate & { id: string } {
  const name = (i: number): string => (shape.named ? `field_${i}` : String(i + 1));
  const placeholders = Array.from(
    { length: shape.vars },
    (_, i) => `word ${i} is {{${name(i)}}}`,
  ).join(' and ');
  const components: DraftComponent[] = [];
  if (shape.header === 'text')
    components.push({
      type: 'HEADER',
      format: 'TEXT',
      text: `Hello {{${shape.named ? 'head' : '1'}}}`,
    });
  else if (shape.header !== 'none')
    components.push({ type: 'HEADER', format: shape.header.toUpperCase() });
  components.push({ type: 'BODY', text: `Dear customer, ${placeholders} thank you.` });
  const buttons: NonNullable<DraftComponent['buttons']> = [];
  if (shape.url)
    buttons.push({ type: 'URL', text: 'Open', url: 'https://shop.example.com/p/{{1}}' });
  if (shape.copy) buttons.push({ type: 'COPY_CODE', example: 'SAVE10' });
  if (shape.quick) buttons.push({ type: 'QUICK_REPLY', text: 'Stop promotions' });
  if (buttons.length > 0) components.push({ type: 'BUTTONS', buttons });
  counter += 1;
  return {
    id: String(7_000_000_000 + counter),
    name: `prop_tpl_${counter}`,
    language: 'en_US',
    parameterFormat: shape.named ? 'NAMED' : 'POSITIONAL',
    components,
  };
}

/** A complete mapping for the template's slots, values drawn from arbitraries. */
function mappingArb(
  template: RenderableTemplate,
): fc.Arbitrary<{ mapping: TemplateMapping; attributes: Record<string, string> }> {
  const entries = templateSlots(template).map((slot) => {
    const key = slot.key;
    let arb: fc.Arbitrary<[SlotMapping, Record<string, string>]>;
    if (slot.kind === 'media') {
      arb = fc.oneof(
        fc.constant<[SlotMapping, Record<string, string>]>([
          {
            type: 'media',
            media: slot.media ?? 'image',
            link: { from: 'fixed', value: 'https://cdn.example.com/a.bin' },
          },
          {},
        ]),
        fc.constant<[SlotMapping, Record<string, string>]>([
          {
            type: 'media',
            media: slot.media ?? 'image',
            id: { from: 'fixed', value: '1234567890' },
          },
          {},
        ]),
      );
    } else if (slot.kind === 'location') {
      arb = fc.constant<[SlotMapping, Record<string, string>]>([
        { type: 'location', latitude: 37.48, longitude: -122.14, name: 'Store' },
        {},
      ]);
    } else if (slot.kind === 'url_suffix') {
      arb = suffixArb.map((v) => [{ type: 'text', value: { from: 'fixed', value: v } }, {}]);
    } else if (slot.kind === 'coupon_code') {
      arb = couponArb.map((v) => [{ type: 'coupon_code', value: { from: 'fixed', value: v } }, {}]);
    } else if (key.startsWith('header.')) {
      arb = textArb.map((v) => [
        { type: 'text', value: { from: 'attribute', key: 'first_name' } },
        { first_name: v.slice(0, 20) },
      ]);
    } else {
      arb = fc.oneof(
        textArb.map<[SlotMapping, Record<string, string>]>((v) => [
          { type: 'text', value: { from: 'fixed', value: v } },
          {},
        ]),
        textArb.map<[SlotMapping, Record<string, string>]>((v) => [
          { type: 'text', value: { from: 'attribute', key: `attr_${key}` } },
          { [`attr_${key}`]: v },
        ]),
        fc
          .double({ min: 0, max: 1e6, noNaN: true })
          .map<[SlotMapping, Record<string, string>]>((n) => [
            { type: 'currency', code: 'USD', amount: { from: 'fixed', value: n.toFixed(2) } },
            {},
          ]),
        textArb.map<[SlotMapping, Record<string, string>]>((v) => [
          { type: 'date_time', value: { from: 'fixed', value: v } },
          {},
        ]),
      );
    }
    return arb.map(([m, attrs]) => ({ key, m, attrs }));
  });
  return fc.tuple(...entries).map((list) => ({
    mapping: Object.fromEntries(list.map((e) => [e.key, e.m])),
    attributes: Object.assign({}, ...list.map((e) => e.attrs)) as Record<string, string>,
  }));
}

describe('renderTemplateComponents against the simulator', () => {
  let sim: RunningSimulator;
  let graph: GraphClient;
  let api: AccountGraphApi;
  beforeAll(async () => {
    sim = await startSimulator({
      limits: { pairEnabled: false, tierEnabled: false, throughputEnabled: false },
    });
    graph = createGraphClient({ baseUrl: sim.url });
    api = graph.forAccount({ accessToken: 'sim_access_token', apiVersion: 'v23.0' });
  });
  afterAll(async () => {
    await graph.close();
    await sim.close();
  });

  const store = (t: RenderableTemplate & { id: string }): void => {
    const def: TemplateDef = {
      id: t.id,
      wabaId: WABA,
      name: t.name,
      language: t.language,
      category: 'MARKETING',
      status: 'APPROVED',
      parameterFormat: t.parameterFormat,
      components: t.components as TemplateDef['components'],
    };
    sim.control.upsertTemplate(def);
  };
  const send = (t: RenderableTemplate, components: ReturnType<typeof renderTemplateComponents>) =>
    api.sendMessage(PHONE, {
      messaging_product: 'whatsapp',
      to: CUSTOMER,
      type: 'template',
      template: { name: t.name, language: { code: t.language }, components },
    });

  it('for any template and any complete mapping, the simulator accepts the send', async () => {
    await fc.assert(
      fc.asyncProperty(
        shapeArb.chain((shape) => {
          const template = buildTemplate(shape);
          return mappingArb(template).map((m) => ({ template, ...m }));
        }),
        async ({ template, mapping, attributes }) => {
          store(template);
          const components = renderTemplateComponents(template, mapping, { attributes });
          const answer = await send(template, components);
          expect(answer.messages[0]?.id).toMatch(/^wamid\./);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('for any incomplete or mistyped mapping, rendering refuses before anything is sent, naming the slot', async () => {
    await fc.assert(
      fc.asyncProperty(
        shapeArb
          .filter(
            (s) => s.vars + (s.header === 'none' ? 0 : 1) + (s.url ? 1 : 0) + (s.copy ? 1 : 0) > 0,
          )
          .chain((shape) => {
            const template = buildTemplate(shape);
            const keys = templateSlots(template).map((s) => s.key);
            return fc
              .record({
                base: mappingArb(template),
                victim: fc.constantFrom(...keys),
                how: fc.constantFrom('drop', 'mistype', 'empty'),
              })
              .map((r) => ({ template, ...r }));
          }),
        async ({ template, base, victim, how }) => {
          store(template);
          const mapping = { ...base.mapping };
          const slot = templateSlots(template).find((s) => s.key === victim);
          if (how === 'drop') delete mapping[victim];
          else if (how === 'mistype') {
            // A media header gets media of another kind: Meta's 132012 "header format mismatch".
            mapping[victim] =
              slot?.kind === 'media'
                ? {
                    type: 'media',
                    media: slot.media === 'image' ? 'video' : 'image',
                    link: { from: 'fixed', value: 'https://e.com/x' },
                  }
                : {
                    type: 'media',
                    media: slot?.media === 'image' ? 'video' : 'image',
                    link: { from: 'fixed', value: 'https://e.com/x' },
                  };
          } else {
            mapping[victim] =
              slot?.kind === 'location'
                ? { type: 'media', media: 'document', id: { from: 'fixed', value: '1' } }
                : { type: 'text', value: { from: 'attribute', key: 'missing_attribute' } };
          }
          const before = sim.control.requests().length;
          let error: unknown;
          try {
            renderTemplateComponents(template, mapping, { attributes: base.attributes });
          } catch (err) {
            error = err;
          }
          expect(error).toBeInstanceOf(TemplateRenderError);
          const problems = (error as TemplateRenderError).problems;
          expect(problems.map((p) => p.slot)).toContain(victim);
          expect([132000, 132012, 131008]).toContain(
            problems.find((p) => p.slot === victim)?.metaCode,
          );
          expect(sim.control.requests().length).toBe(before);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('confirms the simulator itself refuses what rendering refuses (a missing body parameter → 132000)', async () => {
    const template = buildTemplate({
      named: false,
      vars: 2,
      header: 'none',
      url: false,
      copy: false,
      quick: false,
    });
    store(template);
    const components = renderTemplateComponents(template, {
      'body.1': { type: 'text', value: { from: 'fixed', value: 'Ana' } },
      'body.2': { type: 'text', value: { from: 'fixed', value: 'Bob' } },
    });
    const truncated = [
      {
        ...components[0],
        type: 'body' as const,
        parameters: components[0]?.parameters?.slice(0, 1),
      },
    ];
    const err = await send(template, truncated).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    expect((err as GraphApiError).metaCode).toBe(132000);
  });

  it('renders currency, date-time, named parameters, media by id and buttons exactly', () => {
    const template = buildTemplate({
      named: true,
      vars: 2,
      header: 'document',
      url: true,
      copy: true,
      quick: true,
    });
    const out = renderTemplateComponents(
      template,
      {
        'header.media': {
          type: 'media',
          media: 'document',
          id: { from: 'column', key: 'file' },
          filename: 'invoice.pdf',
        },
        'body.field_0': {
          type: 'currency',
          code: 'EUR',
          amount: { from: 'attribute', key: 'total' },
        },
        'body.field_1': { type: 'date_time', value: { from: 'fixed', value: 'May 3' } },
        'button.0': { type: 'text', value: { from: 'column', key: 'order' } },
        'button.1': { type: 'coupon_code', value: { from: 'fixed', value: 'SAVE10' } },
      },
      { attributes: { total: '1,234.5' }, row: { file: '998877', order: 'A-1001' } },
    );
    expect(out).toEqual([
      {
        type: 'header',
        parameters: [{ type: 'document', document: { id: '998877', filename: 'invoice.pdf' } }],
      },
      {
        type: 'body',
        parameters: [
          {
            type: 'currency',
            currency: { fallback_value: 'EUR 1234.50', code: 'EUR', amount_1000: 1234500 },
            parameter_name: 'field_0',
          },
          { type: 'date_time', date_time: { fallback_value: 'May 3' }, parameter_name: 'field_1' },
        ],
      },
      {
        type: 'button',
        sub_type: 'url',
        index: '0',
        parameters: [{ type: 'text', text: 'A-1001' }],
      },
      {
        type: 'button',
        sub_type: 'copy_code',
        index: '1',
        parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }],
      },
    ]);
  });
});
