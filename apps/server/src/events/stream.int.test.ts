import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { authOf, userWithRole, type SignedIn } from '../modules/auth/auth.testkit';

/** Finding 5 of the outside probe: the live event stream is filtered per principal. */
describe('the live event stream', () => {
  let t: TestApp;
  let base: string;

  /** Opens the stream, publishes while it is open, and returns the status and the event names seen. */
  const listen = (headers: Record<string, string>) =>
    new Promise<{ status: number; names: string[] }>((resolve, reject) => {
      const req = http.get(`${base}/api/v1/events/stream`, { headers }, (res) => {
        let text = '';
        let triggered = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (!triggered && text.includes(': connected')) {
            triggered = true;
            setTimeout(publishAll, 50);
          }
        });
        const done = () => {
          const names = [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1] ?? '');
          resolve({ status: res.statusCode ?? 0, names });
        };
        res.on('end', done);
        setTimeout(() => {
          req.destroy();
          done();
        }, 400);
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    });
  const publishAll = () => {
    t.ctx.bus.publish('messages.received', {
      messageId: 'm1',
      conversationId: 'c1',
      contactId: 'k1',
      type: 'text',
    });
    t.ctx.bus.publish('contacts.consent', { contactId: 'k1', optedOut: true, source: 'x', at: 1 });
    t.ctx.bus.publish('cache.invalidate', { scope: 'accounts.credentials', id: 'a1' });
  };

  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'warn' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const apiKey = async (scopes: ('read' | 'send' | 'manage')[]) =>
    (
      await authOf(t).apiKeys.create(
        { name: scopes.join('+'), scopes },
        { actor: { type: 'system' }, ip: null, userAgent: null },
      )
    ).secret;

  it('gives a send-only API key no message, contact or internal events', async () => {
    const got = await listen({ authorization: `Bearer ${await apiKey(['send'])}` });
    expect(got.status).toBe(200);
    expect(got.names).toEqual([]);
  });

  it('gives a reader the kinds it may read, and never internal ones', async () => {
    const viewer: SignedIn = await userWithRole(t, 'viewer');
    const got = await listen({ cookie: viewer.cookie });
    expect(got.status).toBe(200);
    expect(got.names).toEqual(['messages.received', 'contacts.consent']);
  });

  it('refuses a user held back by the 2FA policy', async () => {
    const agent = await userWithRole(t, 'agent');
    await authOf(t).auth.setRequireTotp(true, {
      actor: { type: 'system' },
      ip: null,
      userAgent: null,
    });
    try {
      const got = await listen({ cookie: agent.cookie });
      expect(got.status).toBe(403);
      expect(got.names).toEqual([]);
    } finally {
      await authOf(t).auth.setRequireTotp(false, {
        actor: { type: 'system' },
        ip: null,
        userAgent: null,
      });
    }
  });
});
