import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationList, InboxMessage, Thread } from '@kiana/contracts';
import { testDialect } from '../../../test/test-db';
import { SIM, startTestbed, type WhatsAppTestbed } from '../accounts/accounts.testkit';
import { authOf, signIn, systemActor, type SignedIn } from '../auth/auth.testkit';

// Attachments from the inbox composer against the simulator: checked against Meta's limits,
// kept in our store, uploaded to Meta (`/{phone-number-id}/media`) and sent by that id.

const ADA = '16505550301';
const BOB = '16505550302';
const CAL = '16505550303';
const AGENT = 'media-agent';
const PASSWORD = 'correct horse battery';
// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let bed: WhatsAppTestbed;
let agent: SignedIn;
let seq = 0;

beforeAll(async () => {
  bed = await startTestbed(
    {
      statuses: { sentLatencyMs: 5, deliveredLatencyMs: 10, readProbability: 0, batchWindowMs: 5 },
    },
    {},
    { clock: (sim) => ({ now: () => sim.control.clockNow() }) },
  );
  await bed.t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bed.t.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  bed.sim.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/whatsapp`);
  await bed.connect();
  await authOf(bed.t).users.create(
    { username: AGENT, password: PASSWORD, role: 'agent' },
    systemActor,
  );
  agent = await signIn(bed.t, AGENT, PASSWORD);
  bed.sim.control.upsertCustomer({ waId: ADA, name: 'Ada Lovelace' });
  bed.sim.control.upsertCustomer({ waId: BOB, name: 'Bob Builder' });
  bed.sim.control.upsertCustomer({ waId: CAL, name: 'Cal Ripken' });
}, 60_000);
afterAll(async () => {
  await bed.close();
}, 30_000);

async function settle(): Promise<void> {
  await bed.sim.control.flush(20_000);
  expect(await bed.t.ctx.background.drain(10_000)).toBe(true);
}

const clientId = () => `media-${Date.now()}-${(seq += 1)}`;

async function conversationOf(waId: string): Promise<string> {
  const res = await bed.t.app.inject({
    url: '/api/v1/conversations?limit=100',
    headers: agent.headers,
  });
  const found = res
    .json<ConversationList>()
    .conversations.find((c) => c.contact.phoneE164 === `+${waId}`);
  if (found === undefined) throw new Error(`no conversation with ${waId}`);
  return found.id;
}

/** A multipart body by hand (inject takes a Buffer and its content type). */
function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; data: Buffer },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----kiana${seq}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const attach = (
  id: string,
  fields: Record<string, string>,
  file: Parameters<typeof multipart>[1],
) => {
  const body = multipart(fields, file);
  return bed.t.app.inject({
    method: 'POST',
    url: `/api/v1/conversations/${id}/media-replies`,
    headers: { ...agent.headers, ...body.headers },
    payload: body.payload,
  });
};

/** The bytes the simulator holds under a media id, fetched as the panel would download them. */
async function simulatorMedia(mediaId: string): Promise<Buffer> {
  const auth = { authorization: `Bearer ${SIM.token}` };
  const info = (await (
    await fetch(`${bed.sim.url}/v23.0/${mediaId}`, { headers: auth })
  ).json()) as {
    url: string;
  };
  return Buffer.from(await (await fetch(info.url, { headers: auth })).arrayBuffer());
}

describe(`inbox attachments on ${testDialect}`, () => {
  it('uploads an image to Meta, sends it by the uploaded id with its caption and serves it from our store', async () => {
    bed.sim.control.inbound(ADA, { type: 'text', text: { body: 'Can you send the photo?' } });
    await settle();
    const id = await conversationOf(ADA);
    const cid = clientId();
    const res = await attach(
      id,
      { clientId: cid, caption: 'Here it is' },
      { name: 'photo.png', type: 'image/png', data: PNG },
    );
    expect(res.statusCode, res.body).toBe(201);
    const sent = res.json<{ message: InboxMessage }>().message;
    expect(sent).toMatchObject({ type: 'image', text: 'Here it is', direction: 'out' });
    expect(sent.status).not.toBe('failed');
    expect(sent.media?.url).toBe(`/api/v1/media/${sent.id}`);

    await settle();
    const [out] = bed.sim.control.messages({ waId: ADA, type: 'image' }, true);
    const image = (out?.payload as { image?: { id?: string; caption?: string } } | undefined)
      ?.image;
    expect(image?.caption).toBe('Here it is');
    expect(image?.id).toMatch(/\S/);
    expect(await simulatorMedia(image?.id ?? '')).toEqual(PNG);

    // The same client id sends once.
    const again = await attach(
      id,
      { clientId: cid, caption: 'Here it is' },
      { name: 'photo.png', type: 'image/png', data: PNG },
    );
    expect(again.json<{ message: InboxMessage }>().message.id).toBe(sent.id);
    expect(bed.sim.control.messages({ waId: ADA, type: 'image' })).toHaveLength(1);

    const thread = (
      await bed.t.app.inject({
        url: `/api/v1/conversations/${id}/messages`,
        headers: agent.headers,
      })
    ).json<Thread>();
    expect(thread.messages.find((m) => m.id === sent.id)?.status).toBe('delivered');
    const file = await bed.t.app.inject({
      url: `/api/v1/media/${sent.id}`,
      headers: agent.headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload).toEqual(PNG);
  });

  it('refuses a file over its type’s limit or of a type Meta does not take, naming it, and sends nothing', async () => {
    bed.sim.control.inbound(BOB, { type: 'text', text: { body: 'Hello' } });
    await settle();
    const id = await conversationOf(BOB);
    const big = await attach(
      id,
      { clientId: clientId() },
      { name: 'huge.jpg', type: 'image/jpeg', data: Buffer.alloc(5 * 1024 * 1024 + 1, 1) },
    );
    expect(big.statusCode).toBe(413);
    expect(big.json<{ message: string }>().message).toContain('huge.jpg');
    expect(big.json<{ message: string }>().message).toContain('5.0 MB');
    expect(big.json<{ details: unknown }>().details).toMatchObject({
      code: 'too_large',
      type: 'image/jpeg',
      maxBytes: 5 * 1024 * 1024,
    });
    const gif = await attach(
      id,
      { clientId: clientId() },
      { name: 'funny.gif', type: 'image/gif', data: Buffer.from('GIF89a') },
    );
    expect(gif.statusCode).toBe(415);
    expect(gif.json<{ message: string }>().message).toContain('funny.gif is image/gif');

    await settle();
    expect(bed.sim.control.messages({ waId: BOB })).toHaveLength(0);
    expect(bed.sim.control.requests().filter((r) => r.path.endsWith('/media'))).toHaveLength(1);
    const thread = (
      await bed.t.app.inject({
        url: `/api/v1/conversations/${id}/messages`,
        headers: agent.headers,
      })
    ).json<Thread>();
    expect(thread.messages.map((m) => m.direction)).toEqual(['in']);
  });

  it('shows a send Meta refused as failed, and a retry uploads the file again and sends it', async () => {
    bed.sim.control.inbound(CAL, { type: 'text', text: { body: 'The invoice please' } });
    await settle();
    const id = await conversationOf(CAL);
    const pdf = Buffer.from('%PDF-1.4\n% invoice\n');
    const uploads = () => bed.sim.control.requests().filter((r) => r.path.endsWith('/media'));
    const uploadsBefore = uploads().length;
    bed.sim.control.configure({ faults: { serverError: 1 } });
    const res = await attach(
      id,
      { clientId: clientId(), caption: 'Your invoice' },
      { name: 'invoice.pdf', type: 'application/pdf', data: pdf },
    );
    bed.sim.control.configure({ faults: { serverError: 0 } });
    expect(res.statusCode, res.body).toBe(201);
    const failed = res.json<{ message: InboxMessage }>().message;
    expect(failed).toMatchObject({ type: 'document', status: 'failed', filename: 'invoice.pdf' });
    expect(bed.sim.control.messages({ waId: CAL })).toHaveLength(0);

    const retried = await bed.t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/messages/${failed.id}/retry`,
      headers: agent.headers,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    await settle();
    const [out] = bed.sim.control.messages({ waId: CAL, type: 'document' }, true);
    const doc = (
      out?.payload as { document?: { id?: string; caption?: string; filename?: string } }
    )?.document;
    expect(doc).toMatchObject({ caption: 'Your invoice', filename: 'invoice.pdf' });
    expect(await simulatorMedia(doc?.id ?? '')).toEqual(pdf);
    // Uploaded again for the retry (Meta's media ids expire), not sent by the first id.
    expect(uploads()).toHaveLength(uploadsBefore + 2);
    const thread = (
      await bed.t.app.inject({
        url: `/api/v1/conversations/${id}/messages`,
        headers: agent.headers,
      })
    ).json<Thread>();
    expect(thread.messages.find((m) => m.id === failed.id)?.status).toBe('delivered');
  });
});
