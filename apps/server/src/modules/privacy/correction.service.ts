import type {
  ContactDetail,
  ContactUpdate,
  CorrectionMatch,
  DeletionRequest,
  FulfilCorrection,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../platform/clock';
import { ConflictError, ValidationError } from '../../errors';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { normalisePhone } from '../contacts/contacts.phone';
import type { DeletionService } from './deletion.service';
import { suggestCorrection } from './correction.suggest';
import * as repo from './privacy.repo';

/**
 * The contacts module's edit, as the correction service needs it. The contacts module is
 * built after privacy (it erases through privacy), so the app hands it over lazily.
 */
export interface ContactEditor {
  get(id: string): Promise<ContactDetail>;
  updateWithin(
    ex: Executor,
    id: string,
    input: ContactUpdate,
    who: AuditContext,
  ): Promise<ContactDetail>;
}

/** The field names a change touches, as the status page names them. */
export function correctedFields(changes: FulfilCorrection['changes']): string[] {
  return (['name', 'phone', 'language', 'attributes'] as const).filter(
    (k) => changes[k] !== undefined,
  );
}

/** Reads a number only when written in full international form: a guess must be sure. */
const readPhone = (text: string): string | undefined => {
  const result = normalisePhone(text, { defaultCountry: null });
  return result.ok ? result.e164 : undefined;
};

/** Correction requests: an admin finds the person's contacts and edits one from the request. */
export function createCorrectionService(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  deletion: DeletionService;
  contacts: () => ContactEditor;
}) {
  const { db, clock, audit, deletion } = deps;

  async function loadCorrection(id: string): Promise<repo.DeletionRequestRow> {
    const row = await deletion.load(id);
    deletion.assertOpen(row);
    if (row.kind !== 'correction')
      throw new ConflictError('This is not a correction request', undefined, 'wrong_request_kind');
    return row;
  }

  /** The contacts the request's number or email finds (through the registry, like a deletion). */
  async function matchingIds(id: string): Promise<string[]> {
    const resolution = await deletion.resolveRequest(id);
    return resolution.contacts.map((c) => c.id);
  }

  return {
    /** The matching contacts with what the request's texts suggest; the request moves to "in progress". */
    async matches(id: string, who: AuditContext): Promise<{ contacts: CorrectionMatch[] }> {
      const row = await loadCorrection(id);
      const ids = await matchingIds(id);
      const text = { wrong: row.correctionWrong ?? '', wanted: row.correctionWanted ?? '' };
      const contacts: CorrectionMatch[] = [];
      for (const contactId of ids) {
        const c = await deps.contacts().get(contactId);
        const current = {
          name: c.name,
          phoneE164: c.phoneE164,
          language: c.language,
          attributes: Object.fromEntries(
            Object.entries(c.attributes).filter(
              (e): e is [string, string | number | boolean] => e[1] !== null,
            ),
          ),
        };
        contacts.push({
          id: c.id,
          ...current,
          suggestion: suggestCorrection(text, current, readPhone),
        });
      }
      await db.transaction().execute(async (tx) => {
        if (row.status === 'pending')
          await repo.updateDeletionRequest(tx, id, {
            status: 'in_progress',
            startedAt: clock.now(),
            updatedAt: clock.now(),
          });
        await audit.record(tx, {
          ...who,
          action: 'privacy.correction.review',
          target: { type: 'deletion_request', id },
          details: { contacts: contacts.length },
        });
      });
      return { contacts };
    },

    /**
     * Edits the contact as the request asks and closes the request, in one transaction with
     * both audit records (the contact's edit and the request's fulfilment).
     */
    async fulfil(id: string, input: FulfilCorrection, who: AuditContext): Promise<DeletionRequest> {
      const row = await loadCorrection(id);
      if (!(await matchingIds(id)).includes(input.contactId))
        throw new ValidationError('This contact is not one the request is about', {
          field: 'contactId',
        });
      const fields = correctedFields(input.changes);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        await deps.contacts().updateWithin(tx, input.contactId, input.changes, who);
        await repo.updateDeletionRequest(tx, id, {
          status: 'done',
          completedAt: now,
          startedAt: row.startedAt ?? now,
          correctedFields: fields.join(','),
          handledBy: who.actor.name ?? who.actor.id ?? null,
          updatedAt: now,
        });
        await audit.record(tx, {
          ...who,
          action: 'privacy.correction.fulfil',
          target: { type: 'deletion_request', id },
          // Names of the fields, never their values (the log outlives the contact).
          details: { contactId: input.contactId, fields: fields.join(',') },
        });
      });
      return deletion.get(id);
    },
  };
}

export type CorrectionService = ReturnType<typeof createCorrectionService>;
