import { randomUUID } from 'node:crypto';
import type { CannedReply, CannedReplyBody } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { ConflictError, NotFoundError } from '../../errors';
import type { AuditContext, AuditService } from '../audit/audit.service';
import * as repo from './canned-replies.repo';

export type CannedRepliesService = ReturnType<typeof createCannedRepliesService>;

const toDto = (r: repo.CannedReplyRow): CannedReply => ({
  id: r.id,
  shortcut: r.shortcut,
  text: r.text,
  updatedAt: r.updatedAt,
});

/**
 * Canned replies: admins manage them (each change audited in its transaction); agents read
 * them in the composer, which fills the placeholders from the contact.
 */
export function createCannedRepliesService(deps: {
  db: Executor;
  now: () => number;
  audit: AuditService;
}) {
  const { db, now, audit } = deps;

  async function refuseTaken(tx: Executor, shortcut: string, id: string | null): Promise<void> {
    const taken = await repo.findCannedReplyByShortcut(tx, shortcut);
    if (taken !== undefined && taken.id !== id)
      throw new ConflictError(
        `The shortcut /${shortcut} is already used`,
        { shortcut },
        'shortcut_taken',
      );
  }

  async function record(
    tx: Executor,
    by: AuditContext,
    action: string,
    id: string,
    details: object,
  ) {
    await audit.record(tx, {
      actor: by.actor,
      ip: by.ip,
      userAgent: by.userAgent,
      action: `canned_reply.${action}`,
      target: { type: 'canned_reply', id },
      details: details as Record<string, string>,
    });
  }

  return {
    async list(): Promise<CannedReply[]> {
      return (await repo.listCannedReplies(db)).map(toDto);
    },

    async create(body: CannedReplyBody, by: AuditContext): Promise<CannedReply> {
      const at = now();
      const row = { id: randomUUID(), ...body, createdAt: at, updatedAt: at };
      await db.transaction().execute(async (tx) => {
        await refuseTaken(tx, body.shortcut, null);
        await repo.insertCannedReply(tx, row);
        await record(tx, by, 'create', row.id, { shortcut: body.shortcut });
      });
      return toDto(row);
    },

    async update(id: string, body: CannedReplyBody, by: AuditContext): Promise<CannedReply> {
      return db.transaction().execute(async (tx) => {
        const found = await repo.findCannedReply(tx, id);
        if (found === undefined) throw new NotFoundError('Canned reply', id);
        await refuseTaken(tx, body.shortcut, id);
        const fields = { ...body, updatedAt: now() };
        await repo.updateCannedReply(tx, id, fields);
        await record(tx, by, 'update', id, { shortcut: body.shortcut });
        return toDto({ ...found, ...fields });
      });
    },

    async remove(id: string, by: AuditContext): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const found = await repo.findCannedReply(tx, id);
        if (found === undefined || !(await repo.deleteCannedReply(tx, id)))
          throw new NotFoundError('Canned reply', id);
        await record(tx, by, 'delete', id, { shortcut: found.shortcut });
      });
    },
  };
}
