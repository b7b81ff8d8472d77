import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Segment } from '@kiana/contracts';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import {
  call,
  declareTestAttributes,
  makeContact,
  makeTag,
  namesMatching,
} from './contacts.testkit';

let kiana: TestApp;
let admin: SignedIn;
const tag: Record<string, string> = {};
const DAY = 86_400_000;

/**
 * Four contacts that differ on every condition, so each assertion below would change if
 * its condition were ignored by the compiler.
 */
beforeAll(async () => {
  kiana = await buildTestApp();
  admin = await userWithRole(kiana, 'admin');
  await declareTestAttributes(kiana);
  for (const name of ['vip', 'new', 'spare']) tag[name] = (await makeTag(kiana, admin, name)).id;
  const now = Date.now();
  const people = [
    {
      name: 'A',
      phone: '+49 151 12345671',
      tagIds: [tag.vip],
      attributes: { city: 'Berlin', score: 10, joined: '2024-01-10', member: true },
      consent: 'opted_in',
      lastInboundAt: now - DAY,
    },
    {
      name: 'B',
      phone: '+49 151 12345672',
      tagIds: [tag.vip, tag.new],
      attributes: { city: 'Hamburg', score: 3, joined: '2025-06-01', member: false },
      consent: 'opted_out',
      lastInboundAt: now - 10 * DAY,
    },
    {
      name: 'C',
      phone: '+55 11 98765-4321',
      tagIds: [tag.new],
      attributes: { score: 7 },
      consent: 'unknown',
      lastInboundAt: null,
    },
    {
      name: 'D',
      phone: '+33 6 12 34 56 78',
      tagIds: [],
      attributes: {},
      consent: 'unknown',
      lastInboundAt: null,
    },
  ] as const;
  for (const p of people) {
    const c = await makeContact(kiana, admin, {
      phone: p.phone,
      name: p.name,
      tagIds: p.tagIds,
      attributes: p.attributes,
    });
    // The consent ledger (another part of issue 14) writes these; the segment only reads them.
    await kiana.ctx.db.kysely
      .updateTable('contacts')
      .set({ marketingConsent: p.consent, lastInboundAt: p.lastInboundAt })
      .where('id', '=', c.id)
      .execute();
  }
}, 60_000);
afterAll(async () => {
  await kiana.close();
});

const group = (op: 'and' | 'or', ...children: unknown[]) => ({ type: 'group', op, children });
const members = (...children: unknown[]) =>
  namesMatching(kiana, admin, { filter: { tree: group('and', ...children) } });
const attr = (key: string, op: string, value?: unknown) => ({ type: 'attribute', key, op, value });

describe('segment compiler', () => {
  it('matches everyone with an empty AND and no one with an empty OR', async () => {
    expect(await members()).toEqual(['A', 'B', 'C', 'D']);
    expect(await members(group('or'))).toEqual([]);
  });

  it('compiles tags any / all / none', async () => {
    const tags = (match: string, ...ids: (string | undefined)[]) => ({
      type: 'tags',
      match,
      tagIds: ids,
    });
    expect(await members(tags('any', tag.vip))).toEqual(['A', 'B']);
    expect(await members(tags('any', tag.vip, tag.new))).toEqual(['A', 'B', 'C']);
    expect(await members(tags('all', tag.vip, tag.new))).toEqual(['B']);
    expect(await members(tags('none', tag.vip))).toEqual(['C', 'D']);
    expect(await members(tags('any', tag.spare))).toEqual([]);
  });

  it('compiles text attributes: eq, neq, contains, is set, is not set', async () => {
    expect(await members(attr('city', 'eq', 'Berlin'))).toEqual(['A']);
    expect(await members(attr('city', 'neq', 'Berlin'))).toEqual(['B', 'C', 'D']);
    expect(await members(attr('city', 'contains', 'burg'))).toEqual(['B']);
    expect(await members(attr('city', 'isSet'))).toEqual(['A', 'B']);
    expect(await members(attr('city', 'isNotSet'))).toEqual(['C', 'D']);
  });

  it('finds a text value however it is written: quotes, backslashes, accents, emoji', async () => {
    // SQLite tests the JSON text for the quoted value before parsing it (plainJsonString):
    // each value below must still be found, and only where it is.
    const values = ['Zürich', 'say "hi"', 'C:\\temp', 'İstanbul 🎉', 'tab\there', 'gold', 'gold rush'];
    const made: string[] = [];
    for (const [i, city] of values.entries())
      made.push(
        (
          await makeContact(kiana, admin, {
            phone: `+49 151 2345678${i}`,
            name: `J${i}`,
            tagIds: [tag.spare],
            attributes: { city },
          })
        ).id,
      );
    const spare = { type: 'tags', match: 'any', tagIds: [tag.spare] };
    try {
      for (const [i, city] of values.entries())
        expect(await members(spare, attr('city', 'eq', city))).toEqual([`J${i}`]);
      expect(await members(spare, attr('city', 'neq', 'gold'))).toHaveLength(values.length - 1);
    } finally {
      for (const id of made) await call(kiana, admin, 'DELETE', `/contacts/${id}`);
    }
    expect(await members()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('compiles number attributes: eq, neq, gt, lt', async () => {
    expect(await members(attr('score', 'gt', 5))).toEqual(['A', 'C']);
    expect(await members(attr('score', 'lt', 5))).toEqual(['B']);
    expect(await members(attr('score', 'eq', 3))).toEqual(['B']);
    expect(await members(attr('score', 'neq', 3))).toEqual(['A', 'C', 'D']);
  });

  it('compiles date attributes: before, after, eq', async () => {
    expect(await members(attr('joined', 'before', '2025-01-01'))).toEqual(['A']);
    expect(await members(attr('joined', 'after', '2025-01-01'))).toEqual(['B']);
    expect(await members(attr('joined', 'eq', '2024-01-10'))).toEqual(['A']);
  });

  it('compiles boolean attributes: eq, neq', async () => {
    expect(await members(attr('member', 'eq', true))).toEqual(['A']);
    expect(await members(attr('member', 'eq', false))).toEqual(['B']);
    expect(await members(attr('member', 'neq', true))).toEqual(['B', 'C', 'D']);
  });

  it('compiles consent, country and last inbound', async () => {
    expect(await members({ type: 'consent', states: ['opted_out'] })).toEqual(['B']);
    expect(await members({ type: 'consent', states: ['opted_in', 'unknown'] })).toEqual([
      'A',
      'C',
      'D',
    ]);
    expect(await members({ type: 'country', countries: ['DE'] })).toEqual(['A', 'B']);
    expect(await members({ type: 'country', countries: ['DE', 'FR'], negate: true })).toEqual([
      'C',
    ]);
    expect(await members({ type: 'lastInbound', withinDays: 3 })).toEqual(['A']);
    expect(await members({ type: 'lastInbound', withinDays: 30 })).toEqual(['A', 'B']);
  });

  it('combines and/or groups, nested', async () => {
    const isNew = { type: 'tags', match: 'any', tagIds: [tag.new] };
    const inFrance = { type: 'country', countries: ['FR'] };
    expect(await members(group('or', isNew, inFrance))).toEqual(['B', 'C', 'D']);
    const de = { type: 'country', countries: ['DE'] };
    const optedIn = { type: 'consent', states: ['opted_in'] };
    expect(await members(de, optedIn)).toEqual(['A']);
    expect(await members(de, group('or', optedIn, attr('score', 'lt', 5)))).toEqual(['A', 'B']);
    expect(
      await members(de, group('or', attr('city', 'eq', 'Paris'), attr('score', 'gt', 50))),
    ).toEqual([]);
  });

  it('gives the same members when a tag drives consent and country (SQLite reads them unindexed)', async () => {
    const vip = { type: 'tags', match: 'any', tagIds: [tag.vip] };
    const vipAndNew = { type: 'tags', match: 'all', tagIds: [tag.vip, tag.new] };
    const anyOfThem = { type: 'tags', match: 'any', tagIds: [tag.vip, tag.new] };
    const optedOut = { type: 'consent', states: ['opted_out'] };
    const notOut = { type: 'consent', states: ['opted_in', 'unknown'] };
    const de = { type: 'country', countries: ['DE'] };
    const fr = { type: 'country', countries: ['FR'] };
    expect(await members(vip, optedOut)).toEqual(['B']);
    expect(await members(vip, notOut, de)).toEqual(['A']);
    expect(await members(vipAndNew, optedOut, de)).toEqual(['B']);
    expect(await members(anyOfThem, group('or', optedOut, fr))).toEqual(['B']);
    expect(await members(anyOfThem, notOut, attr('score', 'lt', 5))).toEqual([]);
    expect(await members(anyOfThem, { ...de, negate: true })).toEqual(['C']);
  });

  it('refuses campaign conditions with 422 until campaigns exist', async () => {
    for (const condition of [
      { type: 'campaignReceived', campaignId: 'c1', received: true },
      { type: 'campaignReplied', campaignId: 'c1', replied: false },
    ]) {
      const res = await call<{ message: string }>(kiana, admin, 'POST', '/segments/preview', {
        filter: group('and', condition),
      });
      expect(res.status).toBe(422);
      expect(res.body.message).toBe('campaigns come with issue 15');
    }
  });

  it('refuses unknown attributes, unknown tags and operators that do not fit the type', async () => {
    const preview = (c: unknown) =>
      call<{ details: { field: string } }>(kiana, admin, 'POST', '/segments/preview', {
        filter: group('and', c),
      });
    const unknown = await preview(attr('shoe', 'eq', 'x'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.field).toBe('filter.children.0');
    expect((await preview(attr('city', 'gt', 'B'))).status).toBe(400);
    expect((await preview(attr('score', 'eq', 'ten'))).status).toBe(400);
    expect((await preview(attr('joined', 'before', '2025-13-01'))).status).toBe(400);
    expect((await preview({ type: 'tags', match: 'any', tagIds: ['nope'] })).status).toBe(400);
  });
});

describe('segments API', () => {
  it('previews the size of an unsaved tree', async () => {
    const size = async (filter: unknown) =>
      (await call<{ size: number }>(kiana, admin, 'POST', '/segments/preview', { filter })).body
        .size;
    expect(await size(group('and'))).toBe(4);
    expect(await size(group('and', { type: 'country', countries: ['DE'] }))).toBe(2);
    expect(await size(group('and', { type: 'consent', states: ['opted_out'] }))).toBe(1);
    // A single tag condition is counted from the tag index: the same sizes as the list.
    const tags = (...ids: (string | undefined)[]) =>
      group('and', { type: 'tags', match: 'any', tagIds: ids });
    expect(await size(tags(tag.vip))).toBe(2);
    expect(await size(tags(tag.vip, tag.new))).toBe(3);
    expect(await size(tags(tag.new, tag.new))).toBe(2);
  });

  it('saves, lists members of, edits and deletes a segment, auditing each change', async () => {
    const filter = group('and', { type: 'tags', match: 'any', tagIds: [tag.vip] });
    const created = await call<Segment>(kiana, admin, 'POST', '/segments', {
      name: 'VIPs',
      filter,
    });
    expect(created.status).toBe(201);
    expect(created.body.createdBy).toBe(admin.userId);
    const id = created.body.id;
    expect(await namesMatching(kiana, admin, { filter: { segmentId: id } })).toEqual(['A', 'B']);
    // The segment narrows further with the simple filters.
    expect(
      await namesMatching(kiana, admin, { filter: { segmentId: id, consent: 'opted_out' } }),
    ).toEqual(['B']);

    const edited = await call<Segment>(kiana, admin, 'PUT', `/segments/${id}`, {
      name: 'VIPs in Berlin',
      filter: group(
        'and',
        { type: 'tags', match: 'any', tagIds: [tag.vip] },
        attr('city', 'eq', 'Berlin'),
      ),
    });
    expect(edited.status).toBe(200);
    const listed = await call<{ segments: Segment[] }>(kiana, admin, 'GET', '/segments');
    expect(listed.body.segments.map((s) => s.name)).toEqual(['VIPs in Berlin']);
    const page = await call<{ contacts: { name: string }[] }>(
      kiana,
      admin,
      'GET',
      `/contacts?segmentId=${id}`,
    );
    expect(page.body.contacts.map((c) => c.name)).toEqual(['A']);

    expect((await call(kiana, admin, 'DELETE', `/segments/${id}`)).status).toBe(200);
    expect((await call(kiana, admin, 'GET', `/segments/${id}`)).status).toBe(404);
    const audit = await kiana.ctx.db.kysely
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('targetId', '=', id)
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'segment.create', actorId: admin.userId },
      { action: 'segment.update', actorId: admin.userId },
      { action: 'segment.delete', actorId: admin.userId },
    ]);
  });

  it('tags every contact matching a filter in one bulk action', async () => {
    const spare = tag.spare ?? '';
    const res = await call<{ affected: number }>(kiana, admin, 'POST', '/contacts/bulk', {
      selection: { filter: { tree: group('and', { type: 'country', countries: ['DE'] }) } },
      action: { type: 'addTags', tagIds: [spare] },
    });
    expect(res.body).toEqual({ affected: 2 });
    expect(await members({ type: 'tags', match: 'any', tagIds: [spare] })).toEqual(['A', 'B']);
    // Again: nothing new, the same contacts.
    await call(kiana, admin, 'POST', '/contacts/bulk', {
      selection: { filter: { country: 'DE' } },
      action: { type: 'addTags', tagIds: [spare] },
    });
    expect(await members({ type: 'tags', match: 'any', tagIds: [spare] })).toEqual(['A', 'B']);
    const removed = await call<{ affected: number }>(kiana, admin, 'POST', '/contacts/bulk', {
      selection: { filter: { consent: 'opted_out' } },
      action: { type: 'removeTags', tagIds: [spare] },
    });
    expect(removed.body).toEqual({ affected: 1 });
    expect(await members({ type: 'tags', match: 'any', tagIds: [spare] })).toEqual(['A']);
  });
});
