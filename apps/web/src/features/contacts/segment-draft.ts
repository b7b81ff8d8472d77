import type { SegmentCondition, SegmentGroup } from '@kiana/contracts';

/** The condition kinds the builder offers (campaign conditions wait for campaigns, issue 15). */
export const conditionTypes = ['tags', 'consent', 'country', 'lastInbound', 'attribute'] as const;
export type ConditionType = (typeof conditionTypes)[number];

/** A condition being edited: lists may still be empty, a value not yet typed. */
export type DraftCondition =
  | { type: 'tags'; match: 'any' | 'all' | 'none'; tagIds: string[] }
  | { type: 'consent'; states: ('opted_in' | 'opted_out' | 'unknown')[] }
  | { type: 'country'; countries: string[]; negate: boolean }
  | { type: 'lastInbound'; withinDays: number | '' }
  | {
      type: 'attribute';
      key: string;
      op: Extract<SegmentCondition, { type: 'attribute' }>['op'];
      value: string;
    };

export interface SegmentDraft {
  op: 'and' | 'or';
  conditions: DraftCondition[];
}

/** A fresh condition of `type`, with the defaults a user most often wants. */
export function newCondition(type: ConditionType): DraftCondition {
  switch (type) {
    case 'tags':
      return { type, match: 'any', tagIds: [] };
    case 'consent':
      return { type, states: ['opted_in'] };
    case 'country':
      return { type, countries: [], negate: false };
    case 'lastInbound':
      return { type, withinDays: 30 };
    case 'attribute':
      return { type, key: '', op: 'eq', value: '' };
  }
}

/** The value of an attribute condition as the API wants it: none for the set/unset tests. */
function attributeValue(c: Extract<DraftCondition, { type: 'attribute' }>) {
  if (c.op === 'isSet' || c.op === 'isNotSet') return undefined;
  const n = Number(c.value);
  // Numbers compare as numbers; `gt`/`lt` make no sense on text.
  return (c.op === 'gt' || c.op === 'lt') && c.value.trim() !== '' && Number.isFinite(n)
    ? n
    : c.value;
}

/** One draft condition as the API's, or null while it is incomplete. */
function toCondition(c: DraftCondition): SegmentCondition | null {
  switch (c.type) {
    case 'tags':
      return c.tagIds.length === 0 ? null : { type: 'tags', match: c.match, tagIds: c.tagIds };
    case 'consent':
      return c.states.length === 0 ? null : { type: 'consent', states: c.states };
    case 'country':
      return c.countries.length === 0
        ? null
        : { type: 'country', countries: c.countries, negate: c.negate };
    case 'lastInbound':
      return c.withinDays === '' || c.withinDays < 1
        ? null
        : { type: 'lastInbound', withinDays: Math.floor(c.withinDays) };
    case 'attribute': {
      if (c.key.trim() === '') return null;
      const value = attributeValue(c);
      if (value === '') return null;
      return { type: 'attribute', key: c.key.trim(), op: c.op, value };
    }
  }
}

/**
 * The filter tree of a draft: incomplete conditions are left out, so the size shown while
 * editing is the size of what is complete, and the request is always valid.
 */
export function toFilter(draft: SegmentDraft): SegmentGroup {
  const children = draft.conditions.map(toCondition).filter((c) => c !== null);
  return { type: 'group', op: draft.op, children };
}

/** A saved segment's tree as a draft; nested groups are not edited here and are kept out. */
export function fromFilter(filter: SegmentGroup): SegmentDraft {
  const conditions: DraftCondition[] = [];
  for (const node of filter.children) {
    switch (node.type) {
      case 'tags':
        conditions.push({ type: 'tags', match: node.match, tagIds: node.tagIds });
        break;
      case 'consent':
        conditions.push({ type: 'consent', states: node.states });
        break;
      case 'country':
        conditions.push({
          type: 'country',
          countries: node.countries,
          negate: node.negate ?? false,
        });
        break;
      case 'lastInbound':
        conditions.push({ type: 'lastInbound', withinDays: node.withinDays });
        break;
      case 'attribute':
        conditions.push({
          type: 'attribute',
          key: node.key,
          op: node.op,
          value: node.value === undefined ? '' : String(node.value),
        });
        break;
      default:
        break;
    }
  }
  return { op: filter.op, conditions };
}
