import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { templateStatusUpdateValueSchema } from '@kiana/contracts';
import { WABA_ID, startHarness, type Harness } from '../testing/harness';
import { changesOf } from '../testing/webhook-receiver';

// POST /{template-id} (edit → back through review) and POST /{waba-id}/subscribed_apps with
// override_callback_uri (verification handshake, then that WABA's webhooks go there).

let h: Harness;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await h.close();
});

const HELLO = '1192339204654487';
const newBody = [{ type: 'BODY', text: 'Welcome back! Your account is ready.' }];

const reviewEvents = () =>
  changesOf(h.receiver.received, 'message_template_status_update').map((v) =>
    templateStatusUpdateValueSchema.parse(v),
  );

describe('template edit', () => {
  it('edits an APPROVED template, sends it through review and enforces once per 24 h', async () => {
    // A review slow enough that PENDING is still visible on a loaded machine.
    h = await startHarness({ review: { delayMs: 500 } });
    const edit = await h.graph('POST', `/v23.0/${HELLO}`, { components: newBody });
    expect(edit.body).toEqual({ success: true });
    expect((await h.graph('GET', `/v23.0/${HELLO}`)).body).toMatchObject({
      status: 'PENDING',
      components: newBody,
    });
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 1);
    expect(reviewEvents()[0]).toMatchObject({
      event: 'APPROVED',
      message_template_id: Number(HELLO),
    });
    expect((await h.graph('GET', `/v23.0/${HELLO}`)).body.status).toBe('APPROVED');

    const again = await h.graph('POST', `/v23.0/${HELLO}`, { components: newBody });
    expect(again.body.error).toMatchObject({ code: 100 });
    expect(again.body.error.error_data.details).toMatch(/once per 24 hours/);
    h.sim.control.advanceClock(24 * 3600 * 1000);
    expect((await h.graph('POST', `/v23.0/${HELLO}`, { components: newBody })).status).toBe(200);
  });

  it('refuses a category change on an APPROVED template and edits of PENDING ones', async () => {
    h = await startHarness({ review: { delayMs: 60_000 } });
    const cat = await h.graph('POST', `/v23.0/${HELLO}`, { category: 'MARKETING' });
    expect(cat.body.error.error_data.details).toMatch(/category of an approved template/);
    await h.graph('POST', `/v23.0/${HELLO}`, { components: newBody });
    const pending = await h.graph('POST', `/v23.0/${HELLO}`, { components: newBody });
    expect(pending.body.error.error_data.details).toMatch(/PENDING template cannot be edited/);
  });

  it('edits a REJECTED template (category too) without limit; review may reject again', async () => {
    h = await startHarness({
      review: {
        rules: [{ namePattern: '^hello_world$', outcome: 'REJECTED', reason: 'PROMOTIONAL' }],
      },
    });
    h.sim.control.setTemplateStatus({ id: HELLO }, 'REJECTED', 'INCORRECT_CATEGORY');
    for (let i = 0; i < 2; i += 1) {
      const res = await h.graph('POST', `/v23.0/${HELLO}`, {
        category: 'MARKETING',
        components: newBody,
      });
      expect(res.status).toBe(200);
      await h.receiver.waitFor(
        (r) => changesOf(r, 'message_template_status_update').length === i + 2,
      );
    }
    expect(reviewEvents().map((e) => [e.event, e.reason])).toEqual([
      ['REJECTED', 'INCORRECT_CATEGORY'],
      ['REJECTED', 'PROMOTIONAL'],
      ['REJECTED', 'PROMOTIONAL'],
    ]);
    expect((await h.graph('GET', `/v23.0/${HELLO}`)).body.category).toBe('MARKETING');
  });

  it('edits a PAUSED template back to APPROVED and validates the components', async () => {
    h = await startHarness();
    h.sim.control.pauseTemplate({ id: HELLO });
    const bad = await h.graph('POST', `/v23.0/${HELLO}`, {
      components: [{ type: 'FOOTER', text: 'x' }],
    });
    expect(bad.body.error.error_data.details).toMatch(/BODY component is required/);
    const res = await h.graph('POST', `/v23.0/${HELLO}`, { components: newBody });
    expect(res.status).toBe(200);
    await h.receiver.waitFor((r) => changesOf(r, 'message_template_status_update').length === 2);
    expect(reviewEvents().map((e) => e.event)).toEqual(['PAUSED', 'APPROVED']);
  });
});

/**
 * A callback endpoint: answers Meta's verification GET (echoes hub.challenge) only for
 * `verifyToken`, and records the webhook POSTs it receives.
 */
async function startCallback(
  verifyToken: string,
): Promise<{ url: string; gets: URL[]; posts: { field?: string }[] }> {
  const gets: URL[] = [];
  const posts: { field?: string }[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          entry: { changes: { field: string }[] }[];
        };
        posts.push({ field: body.entry[0]?.changes[0]?.field });
        res.end();
      });
      return;
    }
    gets.push(url);
    const ok =
      url.searchParams.get('hub.mode') === 'subscribe' &&
      url.searchParams.get('hub.verify_token') === verifyToken;
    res.statusCode = ok ? 200 : 403;
    res.end(ok ? (url.searchParams.get('hub.challenge') ?? '') : 'forbidden');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, gets, posts };
}

describe('subscribed_apps override_callback_uri', () => {
  it('verifies the URL with hub.challenge, then sends that WABA’s webhooks there', async () => {
    h = await startHarness();
    const callback = await startCallback('s3cret');
    const res = await h.graph('POST', `/v23.0/${WABA_ID}/subscribed_apps`, {
      override_callback_uri: callback.url,
      verify_token: 's3cret',
    });
    expect(res.body).toEqual({ success: true });
    expect(callback.gets).toHaveLength(1);
    expect(callback.gets[0]?.searchParams.get('hub.challenge')).toMatch(/^\d+$/);
    const listed = await h.graph('GET', `/v23.0/${WABA_ID}/subscribed_apps`);
    expect(listed.body.data[0].override_callback_uri).toBe(callback.url);

    h.sim.control.setTemplateStatus({ id: HELLO }, 'PAUSED');
    await h.sim.control.flush();
    expect(callback.posts).toEqual([{ field: 'message_template_status_update' }]);
    expect(h.receiver.received).toHaveLength(0);

    // Unsubscribing drops the override: webhooks go to the app's URL again.
    await h.graph('DELETE', `/v23.0/${WABA_ID}/subscribed_apps`);
    h.sim.control.setTemplateStatus({ id: HELLO }, 'APPROVED');
    await h.receiver.waitFor((r) => r.length === 1);
    expect(callback.posts).toHaveLength(1);
  });

  it('refuses a URL that fails the handshake and keeps the previous override', async () => {
    h = await startHarness();
    const first = await startCallback('tok');
    await h.graph('POST', `/v23.0/${WABA_ID}/subscribed_apps`, {
      override_callback_uri: first.url,
      verify_token: 'tok',
    });
    const second = await startCallback('tok');
    const deny = await h.graph('POST', `/v23.0/${WABA_ID}/subscribed_apps`, {
      override_callback_uri: second.url,
      verify_token: 'wrong',
    });
    expect(deny.body.error).toMatchObject({ code: 100, error_subcode: 2200 });
    expect(second.gets).toHaveLength(1);
    const missingToken = await h.graph('POST', `/v23.0/${WABA_ID}/subscribed_apps`, {
      override_callback_uri: second.url,
    });
    expect(missingToken.body.error.code).toBe(100);
    expect(
      (await h.graph('GET', `/v23.0/${WABA_ID}/subscribed_apps`)).body.data[0]
        .override_callback_uri,
    ).toBe(first.url);
  });
});
