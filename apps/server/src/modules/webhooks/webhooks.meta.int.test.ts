import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '@kiana/simulator';
import type { Db } from '../../db/database';
import { createTestDb, testDialect } from '../../../test/test-db';
import { findMessageByWamid } from '../conversations/conversations.repo';
import {
  createIntakeHarness,
  statusEnvelope,
  storeOutbound,
  TEST_CREDENTIAL,
  TEST_SECRET,
  type IntakeHarness,
} from './webhooks.testkit';
import { signBody } from './webhooks.signature';

// Meta's own examples (the OpenAPI spec and the fixtures vendored beside the simulator).
const specDir = fileURLToPath(new URL('../../../../simulator/spec/', import.meta.url));

function specExamples(): [string, unknown][] {
  const doc = parse(readFileSync(`${specDir}business-messaging-api_v23.0.yaml`, 'utf8'), {
    maxAliasCount: -1,
  }) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: {
            content: Record<string, { examples?: Record<string, { value: unknown }> }>;
          };
        }
      >
    >;
  };
  const examples =
    doc.paths['/whatsapp/webhooks']?.post?.requestBody?.content['application/json']?.examples ?? {};
  return Object.entries(examples).map(([name, e]) => [name, e.value]);
}

function fixtureExamples(): [string, unknown][] {
  return readdirSync(`${specDir}examples`)
    .filter((f) => f.startsWith('webhook_') || f.endsWith('_webhook.json'))
    .map((f) => [f, JSON.parse(readFileSync(`${specDir}examples/${f}`, 'utf8')) as unknown]);
}

let db: Db;
let h: IntakeHarness;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await h.close();
  await db.close();
});

describe(`Meta's webhook examples on ${testDialect}`, () => {
  it('accepts, stores and applies every webhook example of the specification and fixtures', async () => {
    const wabas = new Set<string>();
    const examples = [...specExamples(), ...fixtureExamples()];
    expect(examples.length).toBeGreaterThanOrEqual(16);
    for (const [, body] of examples)
      for (const e of (body as { entry: { id: string }[] }).entry) wabas.add(e.id);
    h = await createIntakeHarness(db, {
      credentials: [...wabas].map((wabaId, i) => ({
        ...TEST_CREDENTIAL,
        accountId: `acc-${i}`,
        wabaId,
      })),
      handlers: { message_template_status_update: async () => {} },
    });
    for (const [name, body] of examples) {
      const res = await h.post(body);
      expect(res.statusCode, name).toBe(200);
    }
    const rows = await db.kysely
      .selectFrom('webhookEvents')
      .select(['field', 'status', 'error', 'search'])
      .execute();
    expect(rows).toHaveLength(examples.length);
    await h.background.drain(5_000);
    const after = await db.kysely
      .selectFrom('webhookEvents')
      .select(['field', 'status', 'error'])
      .execute();
    for (const r of after) expect(r.status, `${r.field}: ${r.error ?? ''}`).not.toBe('failed');
    // Every inbound message of the examples became a stored message with its contact.
    for (const [name, body] of examples) {
      const changes = (
        body as { entry: { changes: { value: { messages?: { id: string; from: string }[] } }[] }[] }
      ).entry.flatMap((e) => e.changes);
      for (const m of changes.flatMap((c) => c.value.messages ?? [])) {
        const stored = await findMessageByWamid(db.kysely, m.id);
        expect(stored, name).toBeDefined();
        expect(await h.contacts.findByWaId(db.kysely, m.from), name).toBeDefined();
      }
    }
  });
});

describe(`the simulator's fault modes on ${testDialect}`, () => {
  it('ends every message in the simulator’s final status despite duplicates, reordering, skipped delivered, early statuses and bad signatures', async () => {
    await h.close();
    h = await createIntakeHarness(db, {
      credentials: [{ ...TEST_CREDENTIAL, wabaId: '102290129340398' }],
    });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    const address = h.app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const sim = await startSimulator({
      webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp`,
      appSecret: TEST_SECRET,
      clockFactor: 100_000,
      randomSeed: 7,
      statuses: {
        sentLatencyMs: 5,
        deliveredLatencyMs: 10,
        readLatencyMs: 20,
        readProbability: 0.7,
        batchWindowMs: 5,
      },
      limits: { throughputEnabled: false, pairEnabled: false, tierEnabled: false },
      faults: {
        duplicateWebhook: 0.3,
        outOfOrderStatuses: 0.5,
        skipDelivered: 0.3,
        statusBeforeResponse: 0.3,
        wrongSignature: 0.15,
      },
    });
    try {
      const wamids: string[] = [];
      const customers = ['16505551234', '5511987654321'];
      for (let i = 0; i < 40; i += 1) {
        const to = customers[i % customers.length] ?? '16505551234';
        const res = await request(`${sim.url}/v23.0/106540352242922/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer sim_access_token', 'content-type': 'application/json' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            to,
            type: 'template',
            template: { name: 'hello_world', language: { code: 'en_US' } },
          }),
        });
        const body = (await res.body.json()) as {
          messages?: { id: string }[];
          contacts?: { wa_id: string }[];
        };
        const id = body.messages?.[0]?.id;
        expect(res.statusCode, JSON.stringify(body)).toBe(200);
        if (id === undefined) continue;
        wamids.push(id);
        await storeOutbound(h, db, id, body.contacts?.[0]?.wa_id ?? to);
      }
      await sim.control.flush(20_000);
      await h.background.drain(5_000);
      const simStatus = new Map(sim.control.messages().map((m) => [m.id, m.status]));
      expect(h.signatureFailures.length).toBeGreaterThan(0);
      for (const id of wamids) {
        const stored = await findMessageByWamid(db.kysely, id);
        expect(stored?.status, id).toBe(simStatus.get(id));
      }
      expect(
        await db.kysely
          .selectFrom('pendingStatuses')
          .selectAll()
          .where('wamid', 'in', wamids)
          .execute(),
      ).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});

describe(`fuzzed webhook bodies on ${testDialect}`, () => {
  it('answers 4xx or stores and flags, never 5xx, and never loses a good event sent alongside', async () => {
    await h.close();
    h = await createIntakeHarness(db);
    const id = `wamid.fuzz-good-${Date.now()}`;
    await storeOutbound(h, db, id);
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const deepObject = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: JSON.parse(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`) as unknown,
            },
          ],
        },
      ],
    });
    const bad: (string | Buffer)[] = [
      '{"object":',
      'not json at all',
      '',
      'null',
      '[]',
      '{"object":"whatsapp_business_account"}',
      '{"object":"whatsapp_business_account","entry":"nope"}',
      '{"object":"whatsapp_business_account","entry":[{"id":5,"changes":[]}]}',
      JSON.stringify(statusEnvelope([{ id: 123, status: 'teleported', timestamp: 'yesterday' }])),
      JSON.stringify(
        statusEnvelope([{ id: 'x', status: 'read', timestamp: '99999999999999999999' }]),
      ),
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: '1', changes: [{ field: 'messages', value: { messages: [{ from: 1 }] } }] }],
      }),
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: 'p' },
                  messages: [
                    {
                      from: '1',
                      id: 'w\u0000',
                      timestamp: '1',
                      type: 'text',
                      text: { body: 'nul \u0000 inside' },
                    },
                  ],
                },
              },
            ],
          },
        ],
      }),
      deep,
      deepObject,
      Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]),
    ];
    const good = statusEnvelope([
      { id, status: 'delivered', timestamp: '1767000100', recipient_id: '15550002222' },
    ]);
    const results = await Promise.all([...bad.map((b) => h.post(b)), h.post(good)]);
    for (const r of results) expect(r.statusCode).toBeLessThan(500);
    expect((await findMessageByWamid(db.kysely, id))?.status).toBe('delivered');

    const huge = JSON.stringify(
      statusEnvelope([
        { id, status: 'read', timestamp: '1767000200', recipient_id: 'x'.repeat(2 * 1024 * 1024) },
      ]),
    );
    const tooLarge = await h.post(huge);
    expect(tooLarge.statusCode).toBe(413);

    // An unsigned huge body is refused before anything else.
    expect((await h.post(huge, null)).statusCode).toBeGreaterThanOrEqual(400);
    expect((await h.post('{}', signBody('{}', 'wrong-secret'))).statusCode).toBe(401);
    await h.background.drain(5_000);
    const rows = await db.kysely.selectFrom('webhookEvents').select(['status']).execute();
    expect(rows.filter((r) => r.status === 'failed')).toEqual([]);
    expect(rows.filter((r) => r.status === 'flagged').length).toBeGreaterThanOrEqual(
      bad.length - 2,
    );
  });
});
