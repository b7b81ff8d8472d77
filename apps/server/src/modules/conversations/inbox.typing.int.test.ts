import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typingEventSchema, type TypingEvent } from '@kiana/contracts';
import { openEventStream, waitFor } from '../../../test/multi-process.kit';
import { startSecondNode, type SecondNode } from '../../../test/second-node';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import type { KianaApp } from '../../app';
import { authOf, signIn, systemActor, type SignedIn } from '../auth/auth.testkit';
import { newInboundConversation } from '../automations/automations.testkit';

// The collision warning's feed: an agent typing in a conversation reaches the team's event
// streams (on PostgreSQL through another process, over the relay), never anyone who may not
// read conversations, and is never stored as a message.

let t: TestApp;
let second: SecondNode | undefined;
let ana: SignedIn;
let ben: SignedIn;
let sendOnlyKey = '';
let conversationId = '';

const baseOf = (node: KianaApp) =>
  `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;

const typing = (who: SignedIn, id: string, isTyping: boolean) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/conversations/${id}/typing`,
    headers: who.headers,
    payload: { isTyping },
  });

const typingIn = (events: { name: string; data: string }[]): TypingEvent[] =>
  events
    .filter((e) => e.name === 'conversations.typing')
    .map((e) => typingEventSchema.parse((JSON.parse(e.data) as { payload: unknown }).payload));

beforeAll(async () => {
  t = await buildTestApp({ logLevel: 'warn' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  // On PostgreSQL Ben works on another process: the notice must cross the relay.
  if (testDialect === 'postgres') {
    second = await startSecondNode(t, {});
    await second.app.listen({ port: 0, host: '127.0.0.1' });
  }
  for (const name of ['ana', 'ben']) {
    await authOf(t).users.create(
      {
        username: `typing-${name}`,
        displayName: name === 'ana' ? 'Ana' : 'Ben',
        password: 'correct horse battery',
        role: 'agent',
      },
      systemActor,
    );
  }
  ana = await signIn(t, 'typing-ana', 'correct horse battery');
  ben = await signIn(t, 'typing-ben', 'correct horse battery');
  sendOnlyKey = (
    await authOf(t).apiKeys.create(
      { name: 'replier', scopes: ['send'] },
      { actor: { type: 'system' }, ip: null, userAgent: null },
    )
  ).secret;
  conversationId = (await newInboundConversation(t.ctx.db.kysely, 1, Date.now())).conversationId;
}, 60_000);
afterAll(async () => {
  await second?.close();
  await t.close();
});

describe(`the team's typing notices on ${testDialect}`, () => {
  it("gives two agents each other's typing, and nothing to a key that may not read conversations", async () => {
    const stream = '/api/v1/events/stream';
    const anaSees = await openEventStream(`${baseOf(t)}${stream}`, { cookie: ana.cookie });
    const benSees = await openEventStream(`${baseOf(second ?? t)}${stream}`, {
      cookie: ben.cookie,
    });
    const keySees = await openEventStream(`${baseOf(t)}${stream}`, {
      authorization: `Bearer ${sendOnlyKey}`,
    });
    try {
      // The relay's LISTEN is up before the streams open; a short pause lets them subscribe.
      await new Promise((r) => setTimeout(r, 100));
      expect((await typing(ana, conversationId, true)).statusCode).toBe(200);
      expect((await typing(ben, conversationId, true)).statusCode).toBe(200);
      await waitFor(
        'Ben to see Ana typing',
        async () => typingIn(benSees.events).some((e) => e.displayName === 'Ana'),
        5_000,
      );
      await waitFor(
        'Ana to see Ben typing',
        async () => typingIn(anaSees.events).some((e) => e.displayName === 'Ben'),
        5_000,
      );
      expect(typingIn(benSees.events)).toContainEqual({
        conversationId,
        userId: ana.userId,
        displayName: 'Ana',
        isTyping: true,
      });

      // Ana sends (or leaves): her notice ends at once for Ben.
      expect((await typing(ana, conversationId, false)).statusCode).toBe(200);
      await waitFor(
        'Ben to see Ana stop',
        async () => typingIn(benSees.events).some((e) => e.userId === ana.userId && !e.isTyping),
        5_000,
      );

      // The key may reply but not read conversations: it hears no one (and its own call, made
      // for no person, announces nothing either).
      const byKey = await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/typing`,
        headers: { authorization: `Bearer ${sendOnlyKey}` },
        payload: { isTyping: true },
      });
      expect(byKey.statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(typingIn(keySees.events)).toEqual([]);
      // Each agent's stream holds the team's notices (their own too: the screen skips those).
      expect(typingIn(benSees.events).map((e) => [e.displayName, e.isTyping])).toEqual([
        ['Ana', true],
        ['Ben', true],
        ['Ana', false],
      ]);
    } finally {
      anaSees.close();
      benSees.close();
      keySees.close();
    }

    // A notice is never a message of the thread.
    const stored = await t.ctx.db.kysely
      .selectFrom('messages')
      .select('id')
      .where('conversationId', '=', conversationId)
      .execute();
    expect(stored).toHaveLength(1);
  }, 30_000);

  it('refuses a notice about a conversation that does not exist', async () => {
    const res = await typing(ana, '00000000-0000-4000-8000-000000000000', true);
    expect(res.statusCode).toBe(404);
  });
});
