import { createHash } from 'node:crypto';
import { newRowId } from '../../db/ids';
import type { Db } from '../../db/database';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { durableTransaction } from '../../db/durable';
import type { EventBus } from '../../events/bus';
import type { Logger } from '../../logger';
import type { Clock } from '../../platform/clock';
import type { BackgroundWork } from '../../platform/background';
import { NotFoundError } from '../../errors';
import { createInvalidations } from '../../events/invalidations';
import { GroupCommitter } from './webhooks.batcher';
import { SignatureVerifier, isVerifyTokenValid } from './webhooks.signature';
import type { WebhookAccountDirectory, WebhookCredential } from './webhooks.directory';
import { parseBody, type ParsedBody } from './webhooks.parse';
import {
  applyInline,
  runDelegated,
  type Effects,
  type ProcessDeps,
  type ProcessableEvent,
} from './webhooks.process';
import * as repo from './webhooks.repo';
import {
  attributeEntries,
  withForeignNotes,
  type AttributedPart,
  type Attribution,
} from './webhooks.attribution';
import './webhooks.events';
import '../accounts/accounts.events';

/** Reports a refused delivery to the security log; the implementation rate-limits. */
export type SignatureFailureReporter = (failure: {
  accountId: string | null;
  ip: string | null;
  userAgent: string | null;
  at: number;
}) => void;

export interface WebhooksDeps extends ProcessDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  background: BackgroundWork;
  directory: WebhookAccountDirectory;
  audit: AuditService;
  onSignatureFailure?: SignatureFailureReporter;
  maxBatch?: number;
}

/** The answer the receiver gives Meta. */
export type IntakeResult =
  { status: 200; duplicate: boolean; eventId: string } | { status: 401 } | { status: 503 };

interface QueuedEvent {
  row: repo.WebhookEventRow;
  envelope: ParsedBody['envelope'];
  /** The envelope split by the account each part belongs to (webhooks.attribution.ts). */
  parts: AttributedPart[];
  /** Notes on entries signed by another account's secret, left unapplied. */
  foreign: string[];
}

interface BatchResult {
  duplicate: boolean;
  eventId: string;
  /** False when the database refused this one row: no 200, so Meta sends it again. */
  stored: boolean;
}

// A stored-but-unprocessed event older than this is picked up by the recovery job.
const RECOVERY_AGE_MS = 10_000;

/** Creates the webhook intake: verification, group-committed storage, processing, replay. */
export function createWebhooksService(deps: WebhooksDeps) {
  const { db, bus, clock, logger } = deps;
  const verifier = new SignatureVerifier(deps.directory, () => clock.now());
  // An app secret changed through any process is honoured here at once (event relay).
  // Numbers synced or accounts changed: the cached numbers (attribution) are stale too.
  const stopWatching = [
    createInvalidations(bus).on('accounts.credentials', () => verifier.invalidate()),
    bus.subscribe('accounts.changed', () => verifier.invalidate()),
  ];
  const lastNoted = new Map<string, number>();
  let signatureFailures = 0;

  function publishEffects(effects: Effects): void {
    for (const effect of effects) effect(bus);
  }

  function announce(
    row: Pick<
      repo.WebhookEventRow,
      'id' | 'receivedAt' | 'field' | 'accountId' | 'status' | 'error' | 'itemCount'
    >,
  ): void {
    bus.publish('webhooks.event', {
      id: row.id,
      receivedAt: row.receivedAt,
      field: row.field,
      accountId: row.accountId,
      status: row.status,
      error: row.error,
      itemCount: row.itemCount,
    });
  }

  /**
   * Stores rows without processing; a row the database refuses fails alone, not its batch.
   * Returns the ids inserted (not already stored) and the ids that could not be stored.
   */
  async function insertEachAlone(
    rows: repo.WebhookEventRow[],
  ): Promise<{ inserted: Set<string>; failed: Set<string> }> {
    const failed = new Set<string>();
    try {
      const inserted = await durableTransaction(db, (trx) => repo.insertEvents(trx, rows));
      return { inserted, failed };
    } catch {
      const inserted = new Set<string>();
      for (const row of rows) {
        try {
          for (const id of await durableTransaction(db, (trx) => repo.insertEvents(trx, [row])))
            inserted.add(id);
        } catch (error) {
          failed.add(row.id);
          logger.error({ err: error, eventId: row.id }, 'webhook event could not be stored');
        }
      }
      return { inserted, failed };
    }
  }

  /** Writes one group-commit batch: store, apply what is cheap, all in one transaction. */
  async function writeBatch(items: QueuedEvent[]): Promise<BatchResult[]> {
    const firstByHash = new Map<string, QueuedEvent>();
    for (const item of items)
      if (!firstByHash.has(item.row.bodyHash)) firstByHash.set(item.row.bodyHash, item);
    const unique = [...firstByHash.values()];
    const processable = (inserted: Set<string>): ProcessableEvent[] =>
      unique
        .filter((u) => inserted.has(u.row.id) && u.envelope !== null && u.row.status === 'pending')
        .flatMap((u) =>
          u.parts.map((p) => ({ id: u.row.id, accountId: p.accountId, envelope: p.envelope })),
        );

    let inserted: Set<string>;
    let failed = new Set<string>();
    let effects: Effects | undefined;
    const outcomes = new Map<string, { status: repo.WebhookEventStatus; error: string | null }>();
    try {
      // Answered 200 once this resolves: the commit must be on disk, not only in the OS cache.
      inserted = await durableTransaction(db, async (trx) => {
        const ids = await repo.insertEvents(
          trx,
          unique.map((u) => u.row),
        );
        const result = await applyInline(trx, processable(ids), deps);
        for (const u of unique) {
          if (!ids.has(u.row.id) || u.row.status !== 'pending') continue;
          const merged = withForeignNotes(result.outcomes.get(u.row.id), u.foreign);
          if (merged !== undefined) result.outcomes.set(u.row.id, merged);
          else result.outcomes.set(u.row.id, { status: 'processed', error: null });
        }
        const done: string[] = [];
        for (const [id, outcome] of result.outcomes) {
          outcomes.set(id, outcome);
          if (outcome.status === 'processed') done.push(id);
          else if (outcome.status === 'flagged')
            await repo.setEventOutcome(trx, id, { ...outcome, at: clock.now() });
        }
        await repo.markProcessed(trx, done, clock.now());
        effects = result.effects;
        return ids;
      });
    } catch (error) {
      // Processing failed for the batch: store the events alone (the acknowledgement only
      // needs them durable) and process each on its own, where a failure stays with its event.
      logger.warn(
        { err: error, events: unique.length },
        'webhook batch processing failed; storing and retrying one by one',
      );
      ({ inserted, failed } = await insertEachAlone(unique.map((u) => u.row)));
      effects = undefined;
      outcomes.clear();
      for (const e of processable(inserted)) scheduleProcessing(e.id);
    }
    if (effects !== undefined) publishEffects(effects);
    for (const u of unique) {
      if (!inserted.has(u.row.id)) continue;
      const outcome = outcomes.get(u.row.id);
      if (outcome?.status === 'pending') scheduleProcessing(u.row.id);
      announce({ ...u.row, ...(outcome ?? {}) });
    }
    return items.map((item) => {
      const first = firstByHash.get(item.row.bodyHash);
      const isNew = first === item && inserted.has(item.row.id);
      const stored = !failed.has(first?.row.id ?? item.row.id);
      return { duplicate: !isNew, eventId: isNew ? item.row.id : '', stored };
    });
  }

  const committer = new GroupCommitter<QueuedEvent, BatchResult>(writeBatch, {
    maxBatch: deps.maxBatch ?? 400,
  });

  function scheduleProcessing(id: string): void {
    if (deps.background.isClosed) return;
    deps.background.run('webhooks:process', () => processStored(id));
  }

  /** Processes one stored event from its raw body (replay, recovery, delegated fields). */
  async function processStored(id: string): Promise<repo.WebhookEventRow> {
    const row = await repo.findEvent(db.kysely, id);
    if (row === undefined) throw new NotFoundError('Webhook event', id);
    const parsed = parseBody(row.raw);
    let status: repo.WebhookEventStatus;
    let error: string | null;
    if (parsed.envelope === null) {
      status = 'flagged';
      error = parsed.error;
    } else {
      try {
        const { parts, foreign } = await attributeStored(row.accountId, parsed.envelope);
        const events: ProcessableEvent[] = parts.map((p) => ({
          id,
          accountId: p.accountId,
          envelope: p.envelope,
        }));
        const { outcomes, effects } = await db.kysely
          .transaction()
          .execute((trx) => applyInline(trx, events, deps));
        publishEffects(effects);
        const outcome = withForeignNotes(outcomes.get(id), foreign) ?? {
          status: 'processed' as const,
          error: null,
        };
        const delegatedErrors: string[] = [];
        if (outcome.status === 'pending')
          for (const event of events)
            delegatedErrors.push(...(await runDelegated(event, deps.handlers)));
        if (delegatedErrors.length > 0) {
          status = 'failed';
          error = [outcome.error, ...delegatedErrors].filter((e) => e !== null).join('; ');
        } else {
          status = outcome.error === null ? 'processed' : 'flagged';
          error = outcome.error;
        }
      } catch (e) {
        status = 'failed';
        error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
        logger.warn({ err: e, eventId: id }, 'webhook event processing failed; kept for replay');
      }
    }
    const at = clock.now();
    await repo.setEventOutcome(db.kysely, id, { status, error, at });
    const updated = { ...row, status, error, processedAt: at, attempts: row.attempts + 1 };
    announce(updated);
    return updated;
  }

  function noteReceived(accountId: string | null): void {
    const note = deps.directory.noteWebhookReceived;
    if (accountId === null || note === undefined) return;
    const at = clock.now();
    if (at - (lastNoted.get(accountId) ?? 0) < 1_000) return;
    lastNoted.set(accountId, at);
    note
      .call(deps.directory, accountId, at)
      .catch((err: unknown) => logger.warn({ err }, 'noteWebhookReceived failed'));
  }

  /** Splits a body by account among the signers (finding 2 of the security probe). */
  async function attribute(
    envelope: ParsedBody['envelope'],
    signers: WebhookCredential[],
  ): Promise<Attribution> {
    if (envelope === null)
      return { parts: [], foreign: [], accountId: signers[0]?.accountId ?? null };
    return attributeEntries(envelope, signers, await verifier.credentials());
  }

  /**
   * A stored event is re-attributed on replay: its signers are the accounts sharing the
   * app secret of the account it was listed under.
   */
  async function attributeStored(
    accountId: string | null,
    envelope: NonNullable<ParsedBody['envelope']>,
  ): Promise<Attribution> {
    const all = await verifier.credentials();
    const own = all.find((c) => c.accountId === accountId);
    const signers = own === undefined ? [] : all.filter((c) => c.appSecret === own.appSecret);
    return attribute(envelope, signers);
  }

  return {
    verifier,

    /** The GET handshake: the challenge when the mode and a verify token match, else null. */
    async handshake(query: {
      mode?: string;
      token?: string;
      challenge?: string;
    }): Promise<string | null> {
      if (query.mode !== 'subscribe' || query.token === undefined || query.challenge === undefined)
        return null;
      return isVerifyTokenValid(query.token, await verifier.verifyTokens())
        ? query.challenge
        : null;
    },

    /** Verifies, stores (group commit) and applies one delivery; resolves once it is durable. */
    async receive(
      raw: Buffer,
      signature: string | undefined,
      client: { ip: string | null; userAgent: string | null },
    ): Promise<IntakeResult> {
      const match = await verifier.verify(raw, signature);
      if (match === null) {
        signatureFailures += 1;
        const at = clock.now();
        const accountId = guessAccount(raw, await verifier.credentials().catch(() => []));
        bus.publish('webhooks.signature_failure', { at, accountId });
        deps.onSignatureFailure?.({ accountId, ip: client.ip, userAgent: client.userAgent, at });
        deps.directory
          .noteSignatureFailure?.(accountId, at)
          .catch((err: unknown) => logger.warn({ err }, 'noteSignatureFailure failed'));
        return { status: 401 };
      }
      // NUL cannot be stored in a PostgreSQL text column; such a body is not valid JSON anyway.
      const text = raw.toString('utf8').replaceAll('\u0000', '\uFFFD');
      const parsed = parseBody(text);
      const attribution = await attribute(parsed.envelope, match.accounts);
      const row: repo.WebhookEventRow = {
        id: newRowId(),
        receivedAt: clock.now(),
        bodyHash: createHash('sha256').update(raw).digest('hex'),
        accountId: attribution.accountId,
        wabaId: parsed.wabaId,
        field: parsed.field.slice(0, 200),
        signature: 'valid',
        status: parsed.envelope === null ? 'flagged' : 'pending',
        error: parsed.error,
        search: parsed.search,
        itemCount: parsed.itemCount,
        raw: text,
        attempts: 0,
        processedAt: null,
        foreignSigner: attribution.foreign.length > 0 ? 1 : 0,
      };
      try {
        const result = await committer.submit({
          row,
          envelope: parsed.envelope,
          parts: attribution.parts,
          foreign: attribution.foreign,
        });
        if (!result.stored) return { status: 503 };
        noteReceived(row.accountId);
        return { status: 200, duplicate: result.duplicate, eventId: result.eventId };
      } catch (error) {
        // Not stored: no 200, so Meta delivers it again.
        logger.error({ err: error }, 'webhook could not be stored');
        return { status: 503 };
      }
    },

    processStored,

    /** Re-applies a stored event (idempotent: statuses never go backwards, messages by wamid). */
    async replay(id: string, by: AuditContext): Promise<repo.WebhookEventRow> {
      const row = await processStored(id);
      // The replay's effects commit in processStored's own transactions; its record follows,
      // and a failure to write it fails the request rather than vanishing.
      await deps.audit.record(db.kysely, {
        ...by,
        action: 'webhook.replay',
        target: { type: 'webhook_event', id: row.id },
        details: { status: row.status },
      });
      return row;
    },

    /** Processes events left pending by a crash or a failed batch. */
    async recover(limit = 500): Promise<number> {
      const ids = await repo.listUnprocessedIds(db.kysely, clock.now() - RECOVERY_AGE_MS, limit);
      for (const id of ids) await processStored(id);
      return ids.length;
    },

    list: (filter: repo.EventFilter, page: { limit: number; offset: number }) =>
      repo.listEvents(db.kysely, filter, page),

    async get(id: string): Promise<repo.WebhookEventRow> {
      const row = await repo.findEvent(db.kysely, id);
      if (row === undefined) throw new NotFoundError('Webhook event', id);
      return row;
    },

    stats: () => ({ signatureFailures, queued: committer.pending }),

    close: () => {
      for (const stop of stopWatching) stop();
      return committer.close();
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;

/** Attributes a refused body to an account by its `entry[0].id`, for the count only; never trusted. */
function guessAccount(raw: Buffer, credentials: WebhookCredential[]): string | null {
  if (raw.length > 256 * 1024) return null;
  const m = /"entry"\s*:\s*\[\s*\{[^{}]*?"id"\s*:\s*"(\d{1,30})"/.exec(raw.toString('utf8'));
  return m === null ? null : (credentials.find((c) => c.wabaId === m[1])?.accountId ?? null);
}
