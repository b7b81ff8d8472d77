import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentAvailability } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { authOf, signIn, systemActor, type SignedIn } from '../auth/auth.testkit';
import { automationSettings } from './automations.settings';
import type { AutomationsService } from './automations.service';
import { commitOn, newInboundConversation, openAssignees } from './automations.testkit';

// Each agent sets themself online or away; round-robin gives new conversations only to agents
// who are online (their own setting) and signed in (a live session).

let t: TestApp;
let automations: AutomationsService;
let clock = 1_770_000_000_000;
let n = 0;
const team = new Map<'ana' | 'ben' | 'cy' | 'dee', SignedIn>();
const commit = commitOn(() => t);

const agent = (name: 'ana' | 'ben' | 'cy' | 'dee'): SignedIn => {
  const found = team.get(name);
  if (found === undefined) throw new Error(`no agent ${name}`);
  return found;
};

const setOnline = (name: 'ana' | 'ben' | 'cy' | 'dee', isAvailable: boolean) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/v1/inbox/availability',
    headers: agent(name).headers,
    payload: { isAvailable },
  });

/** `count` new contacts write in; returns how many conversations each agent was given. */
async function writeIn(count: number): Promise<Map<string, number>> {
  const before = await openAssignees(t.ctx.db.kysely);
  for (let i = 0; i < count; i++) {
    clock += 1000;
    const { messageId } = await newInboundConversation(t.ctx.db.kysely, n++, clock);
    await automations.handleInbound(messageId, commit);
  }
  const after = await openAssignees(t.ctx.db.kysely);
  const given = new Map<string, number>();
  for (const [id, total] of after) given.set(id, total - (before.get(id) ?? 0));
  return given;
}

const givenTo = (given: Map<string, number>, name: 'ana' | 'ben' | 'cy' | 'dee') =>
  given.get(agent(name).userId) ?? 0;

beforeAll(async () => {
  t = await buildTestApp({ logLevel: 'warn', clock: { now: () => clock } });
  automations = (
    t.modules.find((m) => m.name === 'automations') as unknown as {
      automations: AutomationsService;
    }
  ).automations;
  for (const name of ['ana', 'ben', 'cy', 'dee'] as const) {
    const username = `online-${name}`;
    await authOf(t).users.create(
      { username, displayName: name, password: 'correct horse battery', role: 'agent' },
      systemActor,
    );
    team.set(name, await signIn(t, username, 'correct horse battery'));
  }
  const base = (await t.ctx.settings.get(t.ctx.db.kysely, automationSettings)).value;
  await t.ctx.settings.set(t.ctx.db.kysely, automationSettings, {
    ...base,
    autoAssign: { isEnabled: true, maxOpenPerAgent: 100 },
  });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe(`online and away agents on ${testDialect}`, () => {
  it('gives an away agent no new conversations while online ones share them round-robin', async () => {
    const seen: { userId: string; isAvailable: boolean }[] = [];
    const stop = t.ctx.bus.subscribe('agents.availability', (e) => seen.push(e.payload));
    for (const name of ['ana', 'ben', 'dee'] as const)
      expect((await setOnline(name, true)).statusCode).toBe(200);
    expect((await setOnline('cy', false)).statusCode).toBe(200);
    stop();
    // The team hears each change live (the inbox shows it beside assignees).
    expect(seen).toContainEqual({ userId: agent('cy').userId, isAvailable: false });
    // Dee set themself online, then signed out: no live session, so not online.
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: agent('dee').headers,
    });
    expect(out.statusCode).toBeLessThan(300);

    const first = await writeIn(20);
    expect(givenTo(first, 'ana')).toBe(10);
    expect(givenTo(first, 'ben')).toBe(10);
    expect(givenTo(first, 'cy')).toBe(0);
    expect(givenTo(first, 'dee')).toBe(0);
    expect(first.get('none') ?? 0).toBe(0);

    // Cy comes back online and joins the rotation; Ana goes away and leaves it.
    expect((await setOnline('cy', true)).statusCode).toBe(200);
    expect((await setOnline('ana', false)).statusCode).toBe(200);
    const second = await writeIn(10);
    expect(givenTo(second, 'ana')).toBe(0);
    expect(givenTo(second, 'ben')).toBe(5);
    expect(givenTo(second, 'cy')).toBe(5);
    expect(givenTo(second, 'dee')).toBe(0);
  }, 120_000);

  it('shows the team who is online to any agent, and refuses an API key its own switch', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/inbox/agents',
      headers: agent('ben').headers,
    });
    expect(res.statusCode).toBe(200);
    const byName = new Map(
      res.json<{ agents: AgentAvailability[] }>().agents.map((a) => [a.displayName, a]),
    );
    expect(byName.get('ana')).toMatchObject({ isAvailable: false, isOnline: false });
    expect(byName.get('ben')).toMatchObject({ isAvailable: true, isOnline: true });
    expect(byName.get('cy')).toMatchObject({ isAvailable: true, isOnline: true });
    // Online by their setting, but signed out.
    expect(byName.get('dee')).toMatchObject({ isAvailable: true, isOnline: false });

    const { secret } = await authOf(t).apiKeys.create(
      { name: 'bot', scopes: ['send'] },
      { actor: { type: 'system' }, ip: null, userAgent: null },
    );
    const key = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/inbox/availability',
      headers: { authorization: `Bearer ${secret}` },
      payload: { isAvailable: true },
    });
    expect(key.statusCode).toBe(403);
  });
});
