import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app';
import { authOf, userWithRole, type SignedIn } from '../modules/auth/auth.testkit';

/** Finding 5 of the outside probe: the live event stream is filtered per principal; reconnects replay. */
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

  /** Opens the stream with a `Last-Event-ID` and returns its first id and the events sent. */
  const reconnect = (headers: Record<string, string>) =>
    new Promise<{ firstId: string; events: { id: string; name: string }[] }>((resolve, reject) => {
      const req = http.get(`${base}/api/v1/events/stream`, { headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        setTimeout(() => {
          req.destroy();
          const firstId = /^id: (\S+)$/m.exec(text)?.[1] ?? '';
          const events = [...text.matchAll(/^id: (\S+)\nevent: (\S+)$/gm)].map((m) => ({
            id: m[1] ?? '',
            name: m[2] ?? '',
          }));
          resolve({ firstId, events });
        }, 300);
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    });

  it('replays what a client missed after its Last-Event-ID, filtered, and resets when it cannot', async () => {
    const viewer = await userWithRole(t, 'viewer');
    // Connected once: the stream gives an id even before any event.
    const first = await reconnect({ cookie: viewer.cookie });
    expect(first.firstId).toMatch(/^[0-9a-f]{12}\.\d+$/);
    expect(first.events).toEqual([]);
    // Disconnected, three events go by; one is internal and never streamed.
    publishAll();
    const back = await reconnect({ cookie: viewer.cookie, 'last-event-id': first.firstId });
    expect(back.events.map((e) => e.name)).toEqual(['messages.received', 'contacts.consent']);
    // Ids of this stream, after the one the client had, in order.
    const [stream, seq] = first.firstId.split('.');
    const seqs = back.events.map((e) => {
      const [s2, n] = e.id.split('.');
      expect(s2).toBe(stream);
      return Number(n);
    });
    expect(seqs[0]).toBeGreaterThan(Number(seq));
    expect(seqs[1]).toBeGreaterThan(seqs[0] ?? Infinity);
    // Reconnecting from the last id seen: nothing is sent twice.
    const again = await reconnect({
      cookie: viewer.cookie,
      'last-event-id': back.events[1]?.id ?? '',
    });
    expect(again.events).toEqual([]);
    // An id of another process (or of before a restart): one reset, so the client refetches.
    const other = await reconnect({ cookie: viewer.cookie, 'last-event-id': 'aaaaaaaaaaaa.3' });
    expect(other.events.map((e) => e.name)).toEqual(['stream.reset']);
  });

  it('never replays a typing notice: it only mattered the moment it was sent', async () => {
    const viewer = await userWithRole(t, 'viewer');
    const first = await reconnect({ cookie: viewer.cookie });
    t.ctx.bus.publish('conversations.typing', {
      conversationId: 'c1',
      userId: 'u1',
      displayName: 'Ana',
      isTyping: true,
    });
    t.ctx.bus.publish('conversations.changed', { conversationId: 'c1', change: 'assign' });
    const back = await reconnect({ cookie: viewer.cookie, 'last-event-id': first.firstId });
    expect(back.events.map((e) => e.name)).toEqual(['conversations.changed']);
  });

  it('replays nothing a send-only key may not see', async () => {
    const key = await apiKey(['send']);
    const first = await reconnect({ authorization: `Bearer ${key}` });
    publishAll();
    const back = await reconnect({
      authorization: `Bearer ${key}`,
      'last-event-id': first.firstId,
    });
    expect(back.events).toEqual([]);
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
