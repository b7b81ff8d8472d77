import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { authOf, signIn, systemActor } from '../auth/auth.testkit';
import { automationSettings } from './automations.settings';
import type { AutomationsService } from './automations.service';
import { commitOn, newInboundConversation, openAssignees } from './automations.testkit';

// Round-robin assignment of new conversations among available agents, with a per-agent cap.

let t: TestApp;
let automations: AutomationsService;
const agents: string[] = [];
let offline = '';
let clock = 1_770_000_000_000;

beforeAll(async () => {
  t = await buildTestApp({ logLevel: 'warn', clock: { now: () => clock } });
  automations = (
    t.modules.find((m) => m.name === 'automations') as unknown as {
      automations: AutomationsService;
    }
  ).automations;
  const users = authOf(t).users;
  for (const name of ['ana', 'ben', 'cy', 'dee']) {
    const u = await users.create(
      { username: `agent-${name}`, password: 'correct horse battery', role: 'agent' },
      systemActor,
    );
    agents.push(u.id);
    // Online is the agent's setting and a live session: each of them is signed in.
    await signIn(t, u.username, 'correct horse battery');
  }
  offline = agents.pop() ?? '';
  for (const id of agents) await automations.setAvailability(id, true, systemActor);
  await automations.setAvailability(offline, false, systemActor);
  const base = (await t.ctx.settings.get(t.ctx.db.kysely, automationSettings)).value;
  await t.ctx.settings.set(t.ctx.db.kysely, automationSettings, {
    ...base,
    autoAssign: { isEnabled: true, maxOpenPerAgent: 30 },
  });
}, 60_000);
afterAll(async () => {
  await t.close();
});

/** A new contact writes in, one second after the last. */
async function newConversation(i: number): Promise<{ conversationId: string; messageId: string }> {
  clock += 1000;
  return newInboundConversation(t.ctx.db.kysely, i, clock);
}

const commit = commitOn(() => t);
const assignees = () => openAssignees(t.ctx.db.kysely);

describe(`round-robin assignment on ${testDialect}`, () => {
  it('shares 100 new conversations fairly among available agents and respects the cap', async () => {
    for (let i = 0; i < 100; i++) {
      const { messageId } = await newConversation(i);
      await automations.handleInbound(messageId, commit);
      // Fair at every step: no available agent is more than one ahead of another.
      const counts = await assignees();
      const perAgent = agents.map((a) => counts.get(a) ?? 0);
      expect(Math.max(...perAgent) - Math.min(...perAgent)).toBeLessThanOrEqual(1);
    }
    const counts = await assignees();
    expect(agents.map((a) => counts.get(a))).toEqual([30, 30, 30]);
    expect(counts.get(offline)).toBeUndefined();
    expect(counts.get('none')).toBe(10);

    // Each assignment is a note in its thread naming the automation.
    const notes = await t.ctx.db.kysely
      .selectFrom('messages')
      .select('text')
      .where('kind', '=', 'note')
      .where('type', '=', 'automation')
      .execute();
    expect(notes).toHaveLength(90);
    expect(new Set(notes.map((n) => n.text))).toEqual(new Set(['auto_assign']));

    // An agent who closes a conversation is under the cap again and gets the next one.
    const first = agents[0] ?? '';
    const mine = await t.ctx.db.kysely
      .selectFrom('conversations')
      .select('id')
      .where('assignedUserId', '=', first)
      .executeTakeFirstOrThrow();
    await t.ctx.db.kysely
      .updateTable('conversations')
      .set({ state: 'closed' })
      .where('id', '=', mine.id)
      .execute();
    const next = await newConversation(100);
    await automations.handleInbound(next.messageId, commit);
    const row = await t.ctx.db.kysely
      .selectFrom('conversations')
      .select('assignedUserId')
      .where('id', '=', next.conversationId)
      .executeTakeFirstOrThrow();
    expect(row.assignedUserId).toBe(first);
  }, 120_000);

  it('lists agents with their availability and open conversations', async () => {
    const list = await automations.agents();
    const byId = new Map(list.map((a) => [a.userId, a]));
    expect(byId.get(offline)?.isAvailable).toBe(false);
    expect(byId.get(agents[1] ?? '')?.isAvailable).toBe(true);
    expect(byId.get(agents[1] ?? '')?.openConversations).toBe(30);
  });
});
