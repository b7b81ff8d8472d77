import type { Tag, TagInput, TagWithCount } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { ConflictError, NotFoundError } from '../../errors';
import type { Clock } from '../../platform/clock';
import type { AuditContext, AuditService } from '../audit/audit.service';
import * as repo from './contacts.tags.repo';

/** Tags: names unique case-insensitively, put on contacts one by one or in bulk. */
export interface TagsService {
  list(): Promise<TagWithCount[]>;
  create(input: TagInput, who: AuditContext): Promise<Tag>;
  update(id: string, input: TagInput, who: AuditContext): Promise<Tag>;
  remove(id: string, who: AuditContext): Promise<void>;
  /** Throws unless every id names a tag (before tagging contacts with them). */
  assertExist(ex: Executor, ids: readonly string[]): Promise<void>;
}

/** Creates the tags service. */
export function createTagsService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
}): TagsService {
  const { db, audit } = deps;

  async function load(ex: Executor, id: string): Promise<repo.TagRow> {
    const row = await repo.findTag(ex, id);
    if (row === undefined) throw new NotFoundError('Tag', id);
    return row;
  }

  async function assertNameFree(ex: Executor, name: string, self: string | null): Promise<void> {
    const other = await repo.findTagByName(ex, name);
    if (other !== undefined && other.id !== self)
      throw new ConflictError(`A tag named "${other.name}" exists`, {
        field: 'name',
        existingId: other.id,
      });
  }

  return {
    async list() {
      return (await repo.listTagsWithCounts(db)).map((r) => ({
        ...toTag(r),
        contactCount: r.contactCount,
      }));
    },
    async create(input, who) {
      return db.transaction().execute(async (tx) => {
        await assertNameFree(tx, input.name, null);
        const row = await repo.insertTag(
          tx,
          { name: input.name, colour: input.colour ?? null },
          deps.clock.now(),
        );
        await audit.record(tx, {
          ...who,
          action: 'tag.create',
          target: { type: 'tag', id: row.id },
          details: { name: row.name },
        });
        return toTag(row);
      });
    },
    async update(id, input, who) {
      return db.transaction().execute(async (tx) => {
        const before = await load(tx, id);
        await assertNameFree(tx, input.name, id);
        const colour = input.colour === undefined ? before.colour : input.colour;
        await repo.updateTag(tx, id, { name: input.name, colour });
        await audit.record(tx, {
          ...who,
          action: 'tag.update',
          target: { type: 'tag', id },
          details: { name: input.name, previousName: before.name },
        });
        return toTag(await load(tx, id));
      });
    },
    async remove(id, who) {
      await db.transaction().execute(async (tx) => {
        const row = await load(tx, id);
        await repo.deleteTag(tx, id);
        await audit.record(tx, {
          ...who,
          action: 'tag.delete',
          target: { type: 'tag', id },
          details: { name: row.name },
        });
      });
    },
    async assertExist(ex, ids) {
      const known = new Set(await repo.existingTagIds(ex, ids));
      const missing = [...new Set(ids)].filter((id) => !known.has(id));
      if (missing.length > 0) throw new NotFoundError('Tag', missing.join(', '));
    },
  };
}

function toTag(row: repo.TagRow): Tag {
  return { id: row.id, name: row.name, colour: row.colour, createdAt: Number(row.createdAt) };
}
