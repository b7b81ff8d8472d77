import { describe, expect, it } from 'vitest';
import { segmentFilterSchema } from '@kiana/contracts';
import {
  conditionTypes,
  fromFilter,
  newCondition,
  toFilter,
  type SegmentDraft,
} from './segment-draft';

describe('segment draft', () => {
  it('leaves incomplete conditions out, so the preview request is always valid', () => {
    const draft: SegmentDraft = {
      op: 'and',
      conditions: conditionTypes
        .map(newCondition)
        .map((c) => (c.type === 'consent' ? { ...c, states: [] } : c)),
    };
    const filter = toFilter(draft);
    // Only "wrote within 30 days" is complete by default.
    expect(filter).toEqual({
      type: 'group',
      op: 'and',
      children: [{ type: 'lastInbound', withinDays: 30 }],
    });
    expect(segmentFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('turns complete conditions into the API tree, numbers compared as numbers', () => {
    const filter = toFilter({
      op: 'or',
      conditions: [
        { type: 'tags', match: 'none', tagIds: ['t1'] },
        { type: 'country', countries: ['BR'], negate: true },
        { type: 'attribute', key: ' points ', op: 'gt', value: '10' },
        { type: 'attribute', key: 'vip', op: 'isSet', value: 'ignored' },
        { type: 'attribute', key: 'city', op: 'eq', value: '' },
        { type: 'lastInbound', withinDays: '' },
      ],
    });
    expect(filter.children).toEqual([
      { type: 'tags', match: 'none', tagIds: ['t1'] },
      { type: 'country', countries: ['BR'], negate: true },
      { type: 'attribute', key: 'points', op: 'gt', value: 10 },
      { type: 'attribute', key: 'vip', op: 'isSet', value: undefined },
    ]);
    expect(segmentFilterSchema.safeParse(filter).success).toBe(true);
  });

  it('a saved tree comes back as the same draft', () => {
    const draft: SegmentDraft = {
      op: 'and',
      conditions: [
        { type: 'tags', match: 'all', tagIds: ['a', 'b'] },
        { type: 'consent', states: ['opted_out'] },
        { type: 'attribute', key: 'city', op: 'contains', value: 'Rio' },
      ],
    };
    expect(fromFilter(toFilter(draft))).toEqual(draft);
  });
});
