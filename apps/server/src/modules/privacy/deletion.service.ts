import { randomBytes, randomUUID } from 'node:crypto';
import type {
  CorrectionText,
  DeletionPreview,
  DeletionRequest,
  OpenDeletionRequest,
  PrivacyRequestKind,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { FileStore } from '../../platform/files/files';
import type { Clock } from '../../platform/clock';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { registeredTables } from './data-registry';
import {
  countResolution,
  eraseResolution,
  removeFiles,
  resolveSubject,
  type Resolution,
} from './erasure';
import { checkpoint, enableSecureDelete, type Subject } from './registry.repo';
import * as repo from './privacy.repo';
import { toE164, type Suppression } from './suppression';

const DAY = 86_400_000;
/** Answer within one month (GDPR Art. 12(3)); the queue shows the time left. */
const DELETION_DUE_DAYS = 30;

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** A confirmation code people can read out: `DR-` and 10 unambiguous characters (~49 bits). */
export function newConfirmationCode(): string {
  const bytes = randomBytes(10);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `DR-${code}`;
}

function hintOf(phone: string | null, email: string | null): string | null {
  if (phone !== null) return `phone ending ${phone.slice(-2)}`;
  if (email !== null) return `email at ${email.split('@')[1] ?? '?'}`;
  return null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The API view of a request row. */
function toDeletionRequest(row: repo.DeletionRequestRow): DeletionRequest {
  return {
    id: row.id,
    code: row.code,
    source: row.source as DeletionRequest['source'],
    status: row.status as DeletionRequest['status'],
    phone: row.phoneE164,
    email: row.email,
    message: row.message,
    metaUserId: row.metaUserId,
    subjectHint: row.subjectHint,
    receivedAt: new Date(row.receivedAt).toISOString(),
    dueAt: new Date(row.dueAt).toISOString(),
    completedAt: iso(row.completedAt),
    rejectedReason: row.rejectedReason,
    counts: row.counts === null ? null : (JSON.parse(row.counts) as Record<string, number>),
    handledBy: row.handledBy,
    kind: row.kind === 'correction' ? 'correction' : 'deletion',
    correction:
      row.correctionWrong === null || row.correctionWanted === null
        ? null
        : { wrong: row.correctionWrong, wanted: row.correctionWanted },
    language: row.language,
    correctedFields:
      row.correctedFields === null || row.correctedFields === ''
        ? null
        : row.correctedFields.split(','),
  };
}

/** What a new request holds besides who it is about. */
export interface OpenRequestInput {
  phone?: string;
  email?: string;
  message?: string;
  metaUserId?: string;
  callbackKey?: string;
  kind?: PrivacyRequestKind;
  correction?: CorrectionText;
  language?: string;
}

export interface DeletionDeps {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  suppression: Suppression;
  files: FileStore;
}

/** Deletion requests: opened by the public form, Meta's callback or an admin; executed through the registry. */
export function createDeletionService(deps: DeletionDeps) {
  const { db, clock, audit } = deps;

  async function load(id: string): Promise<repo.DeletionRequestRow> {
    const row = await repo.findDeletionRequest(db, id);
    if (row === undefined) throw new NotFoundError('Deletion request', id);
    return row;
  }

  function subjectOf(row: repo.DeletionRequestRow): Subject {
    const phones = row.phoneE164 === null ? [] : [row.phoneE164];
    return {
      contactIds: [],
      phones,
      waIds: phones.map((p) => p.replace(/\D/g, '')),
      userIds: [],
      emails: row.email === null ? [] : [row.email],
    };
  }

  function assertOpen(row: repo.DeletionRequestRow): void {
    if (row.status === 'done' || row.status === 'rejected') {
      throw new ConflictError(`This request is already ${row.status}`, undefined, 'request_closed');
    }
  }

  /** Erasing someone is never how a correction request is answered, even by mistake. */
  function assertDeletion(row: repo.DeletionRequestRow): void {
    if (row.kind !== 'deletion')
      throw new ConflictError(
        'This is a correction request: correct the contact instead of erasing it',
        undefined,
        'wrong_request_kind',
      );
  }

  async function resolve(row: repo.DeletionRequestRow): Promise<Resolution> {
    if (row.phoneE164 === null && row.email === null) {
      throw new ValidationError(
        'Set the phone number or email address this request is about first',
      );
    }
    return resolveSubject(db, registeredTables(), subjectOf(row));
  }

  async function open(
    input: OpenRequestInput,
    source: DeletionRequest['source'],
    who: AuditContext,
  ): Promise<repo.DeletionRequestRow> {
    const kind = input.kind ?? 'deletion';
    if ((kind === 'correction') !== (input.correction !== undefined))
      throw new ValidationError('A correction request needs what is wrong and what it should be', {
        field: 'correction',
      });
    const phone =
      input.phone === undefined || input.phone.trim() === '' ? null : toE164(input.phone);
    const email =
      input.email === undefined || input.email.trim() === ''
        ? null
        : input.email.trim().toLowerCase();
    const now = clock.now();
    const row: repo.DeletionRequestRow = {
      id: randomUUID(),
      code: newConfirmationCode(),
      source,
      status: 'pending',
      phoneE164: phone,
      email,
      message:
        input.message === undefined || input.message.trim() === ''
          ? null
          : input.message.trim().slice(0, 2000),
      metaUserId: input.metaUserId ?? null,
      callbackKey: input.callbackKey ?? null,
      subjectHint: hintOf(phone, email),
      receivedAt: now,
      dueAt: now + DELETION_DUE_DAYS * DAY,
      startedAt: null,
      completedAt: null,
      rejectedReason: null,
      counts: null,
      handledBy: null,
      updatedAt: now,
      kind,
      correctionWrong: input.correction?.wrong.trim().slice(0, 2000) ?? null,
      correctionWanted: input.correction?.wanted.trim().slice(0, 2000) ?? null,
      language: input.language ?? null,
      correctedFields: null,
    };
    await db.transaction().execute(async (tx) => {
      await repo.insertDeletionRequest(tx, row);
      await audit.record(tx, {
        ...who,
        action: `privacy.${kind}.open`,
        target: { type: 'deletion_request', id: row.id },
        details: { source, hasPhone: phone !== null, hasEmail: email !== null },
      });
    });
    return row;
  }

  return {
    open,

    /**
     * Meta's signed callback: a replay of the same signed_request returns the request it
     * opened the first time instead of opening another.
     */
    async openForMetaCallback(
      input: { metaUserId: string; callbackKey: string },
      who: AuditContext,
    ): Promise<repo.DeletionRequestRow> {
      const seen = await repo.findDeletionRequestByCallbackKey(db, input.callbackKey);
      if (seen !== undefined) return seen;
      try {
        return await open(input, 'meta_callback', who);
      } catch (error) {
        // Two deliveries at once: the unique key lets one in; the other answers with it.
        const winner = await repo.findDeletionRequestByCallbackKey(db, input.callbackKey);
        if (winner !== undefined) return winner;
        throw error;
      }
    },

    /** An admin opens a request that arrived by email or WhatsApp. */
    async openByAdmin(input: OpenDeletionRequest, who: AuditContext): Promise<DeletionRequest> {
      return toDeletionRequest(await open(input, input.source ?? 'admin', who));
    },

    async list(filter: { status?: string; kind?: string; limit: number; offset: number }) {
      const { rows, total } = await repo.listDeletionRequests(db, filter);
      return { requests: rows.map(toDeletionRequest), total };
    },

    async get(id: string): Promise<DeletionRequest> {
      return toDeletionRequest(await load(id));
    },

    /** The public status page's view; undefined for an unknown code. */
    async findByCode(code: string): Promise<repo.DeletionRequestRow | undefined> {
      return repo.findDeletionRequestByCode(db, code.trim().toUpperCase());
    },

    async setSubject(
      id: string,
      input: { phone?: string | null; email?: string | null },
      who: AuditContext,
    ) {
      const row = await load(id);
      assertOpen(row);
      const phone =
        input.phone === undefined
          ? row.phoneE164
          : input.phone === null || input.phone === ''
            ? null
            : toE164(input.phone);
      const email =
        input.email === undefined
          ? row.email
          : input.email === null
            ? null
            : input.email.toLowerCase();
      await db.transaction().execute(async (tx) => {
        await repo.updateDeletionRequest(tx, id, {
          phoneE164: phone,
          email,
          subjectHint: hintOf(phone, email),
          updatedAt: clock.now(),
        });
        await audit.record(tx, {
          ...who,
          action: 'privacy.deletion.subject',
          target: { type: 'deletion_request', id },
        });
      });
      return toDeletionRequest(await load(id));
    },

    /** Finds the person's data and counts it; the request moves to "in progress". */
    async preview(id: string, who: AuditContext): Promise<DeletionPreview> {
      const row = await load(id);
      assertOpen(row);
      assertDeletion(row);
      const resolution = await resolve(row);
      const tables = await countResolution(db, resolution);
      const rows = tables.reduce((n, t) => n + t.rows, 0);
      await db.transaction().execute(async (tx) => {
        if (row.status === 'pending') {
          await repo.updateDeletionRequest(tx, id, {
            status: 'in_progress',
            startedAt: clock.now(),
            updatedAt: clock.now(),
          });
        }
        await audit.record(tx, {
          ...who,
          action: 'privacy.deletion.preview',
          target: { type: 'deletion_request', id },
          details: { rows, tables: tables.length },
        });
      });
      return {
        requestId: id,
        contacts: resolution.contacts,
        tables,
        rows,
        files: tables.reduce((n, t) => n + t.files, 0),
        alreadySuppressed:
          row.phoneE164 !== null && (await deps.suppression.isSuppressed(row.phoneE164)),
      };
    },

    /**
     * Erases the person's rows from every registered table and their files from the data
     * directory, suppresses their numbers, and closes the request keeping counts only.
     */
    async execute(id: string, who: AuditContext): Promise<DeletionRequest> {
      const row = await load(id);
      assertOpen(row);
      assertDeletion(row);
      const resolution = await resolve(row);
      const phones = [
        ...resolution.subject.phones,
        ...resolution.subject.waIds.map((w) => `+${w}`),
      ];
      // Suppress first: a crash after the erasure must not leave the number messageable.
      await deps.suppression.suppress(phones, 'deletion_request', id);
      await enableSecureDelete(db);
      const now = clock.now();
      const { files } = await db.transaction().execute(async (tx) => {
        const erased = await eraseResolution(tx, resolution);
        const summary = Object.fromEntries(erased.counts.map((c) => [c.table, c.rows]));
        await repo.updateDeletionRequest(tx, id, {
          status: 'done',
          phoneE164: null,
          email: null,
          message: null,
          completedAt: now,
          startedAt: row.startedAt ?? now,
          counts: JSON.stringify(summary),
          handledBy: who.actor.name ?? who.actor.id ?? null,
          updatedAt: now,
        });
        await audit.record(tx, {
          ...who,
          action: 'privacy.deletion.execute',
          target: { type: 'deletion_request', id },
          details: {
            rows: erased.counts.reduce((n, c) => n + c.rows, 0),
            // The files go after the commit (a file cannot be un-deleted by a rollback).
            files: new Set(erased.files).size,
            tables: erased.counts
              .map((c) => `${c.table}:${c.rows}`)
              .join(',')
              .slice(0, 480),
            suppressed: new Set(phones).size,
          },
        });
        return erased;
      });
      await removeFiles(deps.files, files);
      await checkpoint(db);
      return toDeletionRequest(await load(id));
    },

    async reject(id: string, reason: string, who: AuditContext): Promise<DeletionRequest> {
      const row = await load(id);
      assertOpen(row);
      const now = clock.now();
      await db.transaction().execute(async (tx) => {
        await repo.updateDeletionRequest(tx, id, {
          status: 'rejected',
          rejectedReason: reason,
          completedAt: now,
          handledBy: who.actor.name ?? who.actor.id ?? null,
          updatedAt: now,
        });
        await audit.record(tx, {
          ...who,
          action:
            row.kind === 'correction' ? 'privacy.correction.reject' : 'privacy.deletion.reject',
          target: { type: 'deletion_request', id },
        });
      });
      return toDeletionRequest(await load(id));
    },

    /** The person's data as a resolution, for the data export. */
    async resolveRequest(id: string): Promise<Resolution> {
      return resolve(await load(id));
    },

    /** The stored row and its API view, for the correction service (same module). */
    load,
    toApi: toDeletionRequest,
    assertOpen,
  };
}

export type DeletionService = ReturnType<typeof createDeletionService>;
