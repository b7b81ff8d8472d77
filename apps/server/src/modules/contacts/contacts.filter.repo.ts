import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type {
  ContactAttributeDef,
  MarketingConsent,
  SegmentCondition,
  SegmentNode,
} from '@kiana/contracts';
import type { Database } from '../../db/schema';
import type { Dialect } from '../../db/database';
import { escapeLike, jsonHasValue, jsonValue, likeOperator } from '../../db/dialect';

/**
 * The segment compiler: a contact filter (search, simple filters and segment trees) becomes
 * ONE boolean SQL expression over `contacts`, for counting, listing and bulk statements
 * alike. Tag conditions are `id IN (SELECT contact_id FROM contact_tags WHERE tag_id …)`, so
 * both dialects drive them from the covering `(tag_id, contact_id)` index instead of probing
 * every contact. The tree is validated by the service first (contacts.segments.service.ts).
 */
export type ContactsEb = ExpressionBuilder<Database, 'contacts'>;

/** A filter with its saved segment already resolved to a tree. */
export interface ResolvedFilter {
  q?: string;
  tagIds?: readonly string[];
  consent?: MarketingConsent;
  country?: string;
  trees?: readonly SegmentNode[];
}

/** What compiling needs besides the filter. */
export interface FilterContext {
  dialect: Dialect;
  /** "Last inbound within N days" counts back from here (epoch ms). */
  now: number;
  attributeDefs: readonly ContactAttributeDef[];
  /**
   * Set inside an AND group with a tag condition (any or all) on SQLite: the tag's members
   * drive the query (the tag index, then each member's row), so a condition on another
   * indexed column (consent, country) is written `+column`, which reads the same value but
   * keeps SQLite's planner from probing that column's index once per member and value.
   * A million contacts, a tag of 100,000, tag AND attribute AND consent: 335 → 293 ms (the
   * consent index, two probes a member, then the row) on one machine under load.
   */
  membersDrive?: boolean;
}

const DAY_MS = 86_400_000;

/** The WHERE expression of a contact filter; an empty filter matches every contact. */
export function contactFilterWhere(
  eb: ContactsEb,
  filter: ResolvedFilter,
  ctx: FilterContext,
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (filter.q !== undefined && filter.q !== '') parts.push(searchWhere(eb, filter.q, ctx.dialect));
  if (filter.tagIds !== undefined && filter.tagIds.length > 0)
    parts.push(tagsWhere(eb, 'all', filter.tagIds));
  if (filter.consent !== undefined)
    parts.push(eb('contacts.marketingConsent', '=', filter.consent));
  if (filter.country !== undefined) parts.push(eb('contacts.country', '=', filter.country));
  for (const tree of filter.trees ?? []) parts.push(segmentWhere(eb, tree, ctx));
  return eb.and(parts);
}

/** The WHERE expression of one segment node (a group or a condition). */
export function segmentWhere(
  eb: ContactsEb,
  node: SegmentNode,
  ctx: FilterContext,
): Expression<SqlBool> {
  if (node.type === 'group') {
    const byTag =
      ctx.dialect === 'sqlite' &&
      node.op === 'and' &&
      node.children.some((c) => c.type === 'tags' && c.match !== 'none');
    const inner = byTag ? { ...ctx, membersDrive: true } : ctx;
    const children = node.children.map((c) => segmentWhere(eb, c, inner));
    // An empty AND matches everyone, an empty OR no one (as in logic).
    return node.op === 'and' ? eb.and(children) : eb.or(children);
  }
  return conditionWhere(eb, node, ctx);
}

function conditionWhere(
  eb: ContactsEb,
  c: SegmentCondition,
  ctx: FilterContext,
): Expression<SqlBool> {
  switch (c.type) {
    case 'tags':
      return tagsWhere(eb, c.match, c.tagIds);
    case 'attribute':
      return attributeWhere(eb, c, ctx);
    case 'consent':
      return ctx.membersDrive === true
        ? sql<SqlBool>`+${sql.ref('contacts.marketingConsent')} in (${sql.join(c.states)})`
        : eb('contacts.marketingConsent', 'in', c.states);
    case 'country':
      if (c.negate === true)
        return eb.or([
          eb('contacts.country', 'is', null),
          eb('contacts.country', 'not in', c.countries),
        ]);
      return ctx.membersDrive === true
        ? sql<SqlBool>`+${sql.ref('contacts.country')} in (${sql.join(c.countries)})`
        : eb('contacts.country', 'in', c.countries);
    case 'lastInbound':
      return eb('contacts.lastInboundAt', '>=', ctx.now - c.withinDays * DAY_MS);
    case 'campaignReceived':
    case 'campaignReplied':
      // The service refuses these (422) until campaigns exist; reaching here is a bug.
      throw new Error(`segment condition ${c.type} cannot be compiled yet`);
  }
}

function tagsWhere(
  eb: ContactsEb,
  match: 'any' | 'all' | 'none',
  tagIds: readonly string[],
): Expression<SqlBool> {
  const members = (ids: readonly string[]) =>
    eb
      .selectFrom('contactTags')
      .select('contactTags.contactId')
      .where('contactTags.tagId', 'in', ids);
  if (match === 'any') return eb('contacts.id', 'in', members(tagIds));
  if (match === 'none') return eb('contacts.id', 'not in', members(tagIds));
  return eb.and([...new Set(tagIds)].map((id) => eb('contacts.id', 'in', members([id]))));
}

function attributeWhere(
  eb: ContactsEb,
  c: Extract<SegmentCondition, { type: 'attribute' }>,
  ctx: FilterContext,
): Expression<SqlBool> {
  const column = 'contacts.attributes';
  if (c.op === 'isSet') return jsonHasValue(ctx.dialect, column, c.key);
  if (c.op === 'isNotSet') return eb.not(jsonHasValue(ctx.dialect, column, c.key));
  const type = ctx.attributeDefs.find((d) => d.key === c.key)?.type ?? 'text';
  const kind = type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'text';
  const value = jsonValue(ctx.dialect, column, c.key, kind);
  const operand = type === 'boolean' ? String(c.value === true || c.value === 'true') : c.value;
  switch (c.op) {
    case 'eq': {
      const equal = sql<SqlBool>`${value} = ${operand}`;
      const quoted = ctx.dialect === 'sqlite' && kind === 'text' ? plainJsonString(operand) : null;
      // SQLite parses each row's JSON for the test; a row whose text does not even contain
      // the quoted value cannot hold it, and `instr` tells so without the parse (a tag of
      // 100,000 with a third on the value: about 10 % of the segment's time).
      return quoted === null
        ? equal
        : sql<SqlBool>`(instr(${sql.ref(column)}, ${quoted}) > 0 and ${equal})`;
    }
    case 'neq':
      // "Is not X" includes contacts without the attribute.
      return sql<SqlBool>`(${value} is null or ${value} <> ${operand})`;
    case 'gt':
    case 'after':
      return sql<SqlBool>`${value} > ${operand}`;
    case 'lt':
    case 'before':
      return sql<SqlBool>`${value} < ${operand}`;
    case 'contains': {
      const pattern = `%${escapeLike(String(c.value ?? ''))}%`;
      return sql<SqlBool>`${value} ${sql.raw(likeOperator(ctx.dialect))} ${pattern} escape '\\'`;
    }
  }
}

/**
 * The JSON text of a string value as any writer of the attributes column spells it, or null
 * when spellings may differ: letters, digits, spaces and punctuation other than `"` and `\\`
 * have one JSON spelling, the value between two quotes (JSON.stringify and SQLite's JSON
 * functions agree); anything else may be escaped one way or another.
 */
function plainJsonString(value: unknown): string | null {
  return typeof value === 'string' && /^[\p{L}\p{N} !#-[\]-~]*$/u.test(value) ? `"${value}"` : null;
}

/**
 * Free-text search: part of the given or the WhatsApp profile name, the username, the number (its digits, however the
 * query writes them) or an attribute value (the attributes' JSON text).
 */
function searchWhere(eb: ContactsEb, q: string, dialect: Dialect): Expression<SqlBool> {
  const like = sql.raw(likeOperator(dialect));
  const text = `%${escapeLike(q)}%`;
  const parts: Expression<SqlBool>[] = [
    sql<SqlBool>`${sql.ref('contacts.name')} ${like} ${text} escape '\\'`,
    sql<SqlBool>`${sql.ref('contacts.profileName')} ${like} ${text} escape '\\'`,
    sql<SqlBool>`${sql.ref('contacts.username')} ${like} ${text} escape '\\'`,
    sql<SqlBool>`${sql.ref('contacts.attributes')} ${like} ${text} escape '\\'`,
  ];
  const digits = q.replace(/\D/g, '');
  if (digits.length >= 3 && /^[\d\s+().-]+$/.test(q))
    parts.push(eb('contacts.phoneE164', 'like', `%${digits}%`));
  return eb.or(parts);
}
