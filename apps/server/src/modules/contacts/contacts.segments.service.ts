import {
  segmentGroupSchema,
  type ContactAttributeDef,
  type ContactFilter,
  type Segment,
  type SegmentGroup,
  type SegmentInput,
  type SegmentNode,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { dialectOf } from '../../db/dialect';
import { AppError, NotFoundError, ValidationError } from '../../errors';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { SettingsStore } from '../../platform/settings/settings';
import type { Clock } from '../../platform/clock';
import { attributeDefsSetting } from './contacts.settings';
import { isIsoDate } from './contacts.attributes';
import { contactFilterWhere, type ResolvedFilter } from './contacts.filter.repo';
import { countContacts, type ContactWhere } from './contacts.list.repo';
import { existingTagIds } from './contacts.tags.repo';
import * as repo from './contacts.segments.repo';

/** Saved segments, and the one way any contact filter becomes SQL. */
export interface SegmentsService {
  list(): Promise<Segment[]>;
  get(id: string): Promise<Segment>;
  create(input: SegmentInput, who: AuditContext): Promise<Segment>;
  update(id: string, input: SegmentInput, who: AuditContext): Promise<Segment>;
  remove(id: string, who: AuditContext): Promise<void>;
  /** How many contacts a (possibly unsaved) tree matches. */
  preview(filter: SegmentGroup): Promise<number>;
  /** A contact filter checked and compiled (its saved segment loaded); throws on a bad one. */
  compile(ex: Executor, filter: ContactFilter): Promise<ContactWhere>;
}

const OPS_BY_TYPE = {
  text: ['eq', 'neq', 'contains'],
  number: ['eq', 'neq', 'gt', 'lt'],
  date: ['eq', 'neq', 'before', 'after'],
  boolean: ['eq', 'neq'],
} as const;

/** Creates the segments service. */
export function createSegmentsService(deps: {
  db: Executor;
  clock: Clock;
  settings: SettingsStore;
  audit: AuditService;
}): SegmentsService {
  const { db, clock, audit } = deps;

  async function load(ex: Executor, id: string): Promise<repo.SegmentRow> {
    const row = await repo.findSegment(ex, id);
    if (row === undefined) throw new NotFoundError('Segment', id);
    return row;
  }

  async function compileResolved(ex: Executor, filter: ResolvedFilter): Promise<ContactWhere> {
    const defs = (await deps.settings.get(ex, attributeDefsSetting)).value;
    for (const tree of filter.trees ?? []) await checkNode(ex, tree, defs, 'filter');
    const ctx = { dialect: dialectOf(ex), now: clock.now(), attributeDefs: defs };
    return (eb) => contactFilterWhere(eb, filter, ctx);
  }

  const compile: SegmentsService['compile'] = async (ex, filter) => {
    const trees: SegmentNode[] = [];
    if (filter.segmentId !== undefined)
      trees.push(toSegment(await load(ex, filter.segmentId)).filter);
    if (filter.tree !== undefined) trees.push(filter.tree);
    const { segmentId: _segmentId, tree: _tree, ...simple } = filter;
    return compileResolved(ex, { ...simple, trees });
  };

  async function save(id: string | null, input: SegmentInput, who: AuditContext): Promise<Segment> {
    await compileResolved(db, { trees: [input.filter] });
    const now = clock.now();
    const filterJson = JSON.stringify(input.filter);
    const saved = await db.transaction().execute(async (tx) => {
      let segmentId = id;
      if (segmentId === null) {
        const createdBy = who.actor.type === 'user' ? (who.actor.id ?? null) : null;
        segmentId = (await repo.insertSegment(tx, { name: input.name, filterJson, createdBy }, now))
          .id;
      } else {
        await load(tx, segmentId);
        await repo.updateSegment(tx, segmentId, { name: input.name, filterJson }, now);
      }
      await audit.record(tx, {
        ...who,
        action: id === null ? 'segment.create' : 'segment.update',
        target: { type: 'segment', id: segmentId },
        details: { name: input.name },
      });
      return load(tx, segmentId);
    });
    return toSegment(saved);
  }

  return {
    async list() {
      return (await repo.listSegments(db)).map(toSegment);
    },
    async get(id) {
      return toSegment(await load(db, id));
    },
    create: (input, who) => save(null, input, who),
    update: (id, input, who) => save(id, input, who),
    async remove(id, who) {
      await db.transaction().execute(async (tx) => {
        const row = await load(tx, id);
        await repo.deleteSegment(tx, id);
        await audit.record(tx, {
          ...who,
          action: 'segment.delete',
          target: { type: 'segment', id },
          details: { name: row.name },
        });
      });
    },
    async preview(filter) {
      return countContacts(db, await compileResolved(db, { trees: [filter] }));
    },
    compile,
  };
}

/**
 * Refuses a tree the compiler cannot answer truthfully: unknown tags or attributes, an
 * operator or value that does not fit the attribute's type, and campaign conditions
 * (422 until campaigns exist). `field` names where the problem sits, for the editor.
 */
async function checkNode(
  ex: Executor,
  node: SegmentNode,
  defs: readonly ContactAttributeDef[],
  field: string,
): Promise<void> {
  if (node.type === 'group') {
    for (const [i, child] of node.children.entries())
      await checkNode(ex, child, defs, `${field}.children.${i}`);
    return;
  }
  const fail = (message: string): never => {
    throw new ValidationError(message, { field });
  };
  switch (node.type) {
    case 'campaignReceived':
    case 'campaignReplied':
      throw new AppError('not_available', 'campaigns come with issue 15', {
        status: 422,
        details: { field },
      });
    case 'tags': {
      const known = new Set(await existingTagIds(ex, node.tagIds));
      const missing = node.tagIds.filter((t) => !known.has(t));
      if (missing.length > 0) fail(`Unknown tag ${missing.join(', ')}`);
      return;
    }
    case 'attribute': {
      const def = defs.find((d) => d.key === node.key);
      if (def === undefined) return fail(`"${node.key}" is not a declared attribute`);
      if (node.op === 'isSet' || node.op === 'isNotSet') return;
      if (!(OPS_BY_TYPE[def.type] as readonly string[]).includes(node.op))
        fail(`${def.label} (${def.type}) cannot be compared with "${node.op}"`);
      const v = node.value;
      const fits =
        def.type === 'number'
          ? typeof v === 'number'
          : def.type === 'boolean'
            ? typeof v === 'boolean'
            : def.type === 'date'
              ? typeof v === 'string' && isIsoDate(v)
              : typeof v === 'string';
      if (!fits)
        fail(`${def.label} needs a ${def.type === 'date' ? 'date (YYYY-MM-DD)' : def.type} value`);
      return;
    }
    default:
      return;
  }
}

function toSegment(row: repo.SegmentRow): Segment {
  const parsed = segmentGroupSchema.safeParse(JSON.parse(row.filterJson));
  return {
    id: row.id,
    name: row.name,
    // A tree saved by an older version that no longer parses matches no one rather than all.
    filter: parsed.success ? parsed.data : { type: 'group', op: 'or', children: [] },
    createdBy: row.createdBy,
    createdAt: Number(row.createdAt),
    updatedAt: Number(row.updatedAt),
  };
}
