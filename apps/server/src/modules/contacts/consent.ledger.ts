import { randomUUID } from 'node:crypto';
import { consentSources, type ConsentSource } from '@kiana/contracts';
import { inTransaction, type Executor } from '../../db/executor';
import { setContactConsent } from './contacts.repo';
import { hasConsentEvent, insertConsentEvent } from './consent.repo';

/** One consent choice as a source reports it; `source` may carry its detail (`keyword:STOP`). */
export interface ConsentChange {
  optedOut: boolean;
  /** When the person chose (the source's clock), epoch ms. */
  at: number;
  /** A ledger source, optionally `source:detail`; older callers' names are mapped below. */
  source: string;
  messageId?: string | null;
  importId?: string | null;
  userId?: string | null;
  note?: string | null;
}

// Names the intake used before the ledger existed; the contact columns keep them as they were.
const LEGACY: Record<string, ConsentSource> = { failed_status: 'failed_131050', merged: 'merge' };

/** The ledger source and detail of a source string such as `keyword:STOP`. */
export function parseConsentSource(text: string): { source: ConsentSource; detail: string | null } {
  const at = text.indexOf(':');
  const head = at < 0 ? text : text.slice(0, at);
  const detail = at < 0 ? null : text.slice(at + 1).slice(0, 80) || null;
  const known = (consentSources as readonly string[]).includes(head)
    ? (head as ConsentSource)
    : LEGACY[head];
  // An unknown name is kept as the detail of an API change rather than lost.
  return known === undefined
    ? { source: 'api', detail: text.slice(0, 80) }
    : { source: known, detail };
}

/**
 * Records a choice in the ledger and projects it onto the contact, in the caller's
 * transaction. Every choice is recorded; only one at least as new as the state held
 * changes it. The same choice reported twice (a redelivered webhook) is recorded once.
 */
export async function applyConsent(
  ex: Executor,
  contactId: string,
  change: ConsentChange,
  recordedAt: number,
): Promise<{ isApplied: boolean; isNew: boolean }> {
  const { source, detail } = parseConsentSource(change.source);
  const state = change.optedOut ? 'opted_out' : 'opted_in';
  const messageId = change.messageId ?? null;
  return await inTransaction(ex, async (tx) => {
    const key = { contactId, state, occurredAt: change.at, source, messageId };
    if (await hasConsentEvent(tx, key)) return { isApplied: false, isNew: false };
    const isApplied = await setContactConsent(tx, contactId, change);
    await insertConsentEvent(tx, {
      ...key,
      id: randomUUID(),
      recordedAt,
      detail,
      importId: change.importId ?? null,
      userId: change.userId ?? null,
      note: change.note ?? null,
      applied: isApplied ? 1 : 0,
    });
    return { isApplied, isNew: true };
  });
}
