import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDef } from '../state/model';
import { PHONE_ID, WABA_ID, startHarness, type Harness } from '../testing/harness';
import { requestExamples, validator } from '../testing/spec';

// Contract: every send-message example of Meta's OpenAPI spec is accepted, or rejected with
// the error Meta documents; answers validate against the spec's schemas.

const PATH = '/{Version}/{Phone-Number-ID}/messages';
const RECIPIENT = '16505551234';

/** Examples name templates the seed does not have (132001) or are malformed. */
const expectedWithoutTemplates: Record<string, number> = {
  'Send Catalog Template Message': 132001,
  'Send Flow Template Message': 132001,
  'Send Message Template Interactive': 132001,
  'Send Message Template Media': 132001,
  'Send Message Template Text': 132001,
  'Send Sample Shipping Confirmation Template': 132001,
  'Send Sample Text Message': 132001,
  // quick_reply parameters given as booleans: a malformed parameter (code 100).
  'Send Sample Issue Resolution Template': 100,
  // No `type` means text (Meta's default), and the body has no `text` object: 131008.
  'Send Reply to List Message': 131008,
  // The header type is the placeholder `<HEADER_TYPE>`, outside the spec's own enum: 100.
  'Send Multi-Product Message': 100,
};

const mediaMime: Record<string, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/ogg',
  document: 'application/pdf',
  sticker: 'image/webp',
};

/** Media ids the examples send, with the type they are sent as (they must exist to be sent). */
function mediaIdsOf(value: unknown, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) for (const v of value) mediaIdsOf(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const id = (v as { id?: unknown } | null)?.id;
      const mime = mediaMime[k];
      if (mime !== undefined && typeof id === 'string') out.set(id, mime);
      mediaIdsOf(v, out);
    }
  }
  return out;
}

function withRecipient(example: unknown): Record<string, unknown> {
  const json = JSON.stringify(example).replaceAll(
    /\{\{Recipient-(WA-)?Phone-Number\}\}/g,
    RECIPIENT,
  );
  return JSON.parse(json) as Record<string, unknown>;
}

interface SendComponent {
  type: string;
  sub_type?: string;
  index?: string | number;
  parameters?: { type: string }[];
}

/** An APPROVED template shaped like the one a send example expects. */
function templateFor(example: Record<string, unknown>, id: string): TemplateDef {
  const t = example.template as {
    name: string;
    language: { code: string };
    components?: SendComponent[];
  };
  const comps = t.components ?? [];
  const header = comps.find((c) => c.type === 'header')?.parameters?.[0];
  const body = comps.find((c) => c.type === 'body')?.parameters ?? [];
  const buttons = comps.filter((c) => c.type === 'button');
  const vars = body.map((_, i) => `{{${i + 1}}}`).join(' and ');
  return {
    id,
    wabaId: WABA_ID,
    name: t.name,
    language: t.language.code,
    category: 'MARKETING',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      ...(header !== undefined
        ? [{ type: 'HEADER' as const, format: header.type.toUpperCase() as 'IMAGE' }]
        : []),
      { type: 'BODY' as const, text: `Hello ${vars}.` },
      ...(buttons.length > 0
        ? [
            {
              type: 'BUTTONS' as const,
              buttons: buttons
                .sort((a, b) => Number(a.index) - Number(b.index))
                .map((b) => ({
                  type: (b.sub_type ?? '').toUpperCase() as 'QUICK_REPLY',
                  text: 'Tap',
                })),
            },
          ]
        : []),
    ],
  };
}

describe('send-message examples of the OpenAPI spec', () => {
  let h: Harness;
  let inboundId = '';
  const examples = requestExamples(PATH, 'post');
  const validateOk = validator('MessageResponsePayload');
  const validateError = validator('GraphAPIError');

  beforeAll(async () => {
    h = await startHarness({ limits: { pairEnabled: false } });
    // Free-form examples need an open customer service window; the read receipt and typing
    // indicator example needs a message this number received.
    inboundId = h.sim.control.inbound(RECIPIENT, { type: 'text', text: { body: 'hi' } }).id;
    // The examples' media ids stand for media the business uploaded.
    for (const [id, mime] of mediaIdsOf(examples)) h.sim.control.addMedia(id, mime);
  });
  afterAll(() => h.close());

  it('covers every example of the spec', () => {
    expect(examples.length).toBeGreaterThanOrEqual(45);
  });

  it.each(examples)('%s: accepted or rejected with the documented error', async (name, example) => {
    const body = withRecipient(example);
    if (body.status === 'read') body.message_id = inboundId;
    const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, body);
    const code = expectedWithoutTemplates[name];
    if (code === undefined) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(
        validateOk(res.body) || validator({ type: 'object', required: ['success'] })(res.body),
      ).toBe(true);
    } else {
      expect(res.body.error?.code, JSON.stringify(res.body)).toBe(code);
      expect(validateError(res.body), JSON.stringify(validateError.errors)).toBe(true);
    }
  });

  it.each(examples.filter(([name]) => expectedWithoutTemplates[name] === 132001))(
    '%s: accepted once its template exists and is approved',
    async (name, example) => {
      const body = withRecipient(example);
      h.sim.control.upsertTemplate(templateFor(body, String(9_000_000_000_000 + name.length)));
      const res = await h.graph('POST', `/v23.0/${PHONE_ID}/messages`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(validateOk(res.body)).toBe(true);
      expect(res.body.messages[0].message_status).toBe('accepted');
    },
  );

  it('records each accepted example in the oracle with its recipient and type', async () => {
    const records = h.sim.control.messages({ waId: RECIPIENT });
    expect(records.length).toBeGreaterThan(30);
    expect(new Set(records.map((r) => r.type))).toEqual(
      new Set([
        'audio',
        'interactive',
        'contacts',
        'document',
        'image',
        'location',
        'reaction',
        'sticker',
        'template',
        'text',
        'video',
      ]),
    );
  });
});
