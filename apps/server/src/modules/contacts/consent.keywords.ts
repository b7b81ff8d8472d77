import { z } from 'zod';
import type { ConsentKeywordSettings } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { AppError } from '../../errors';
import type { Logger } from '../../logger';
import { defineJobKind, type JobKind } from '../../platform/jobs/jobs.kind';
import type { JobQueue } from '../../platform/jobs/jobs.queue';
import type { SettingsStore } from '../../platform/settings/settings';
import { GraphApiError } from '../../whatsapp/graph.errors';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { Sender } from '../campaigns/sender/sender';
import { consentKeywordsSetting } from './contacts.keywords';
import type { KeywordConsent } from './contacts.service';

/** The keyword rules an admin reads and edits (Contacts → Keywords). */
export interface ConsentKeywordsService {
  get(): Promise<ConsentKeywordSettings>;
  /** Saves every language's rules; audited in the same transaction. */
  set(value: ConsentKeywordSettings, who: AuditContext): Promise<ConsentKeywordSettings>;
}

export function createConsentKeywordsService(deps: {
  db: Executor;
  settings: SettingsStore;
  audit: AuditService;
}): ConsentKeywordsService {
  const get = async () => (await deps.settings.get(deps.db, consentKeywordsSetting)).value;
  return {
    get,
    async set(value, who) {
      await deps.settings.update(consentKeywordsSetting, value, (tx) =>
        deps.audit.record(tx, {
          ...who,
          action: 'contacts.keywords.update',
          details: {
            isEnabled: value.isEnabled,
            isReplyEnabled: value.isReplyEnabled,
            languages: value.languages.map((l) => l.language).join(','),
          },
        }),
      );
      return get();
    },
  };
}

const replyPayload = z.object({
  accountId: z.string(),
  phoneNumberId: z.string(),
  waId: z.string(),
  contactId: z.string(),
  text: z.string().min(1).max(1024),
});

/**
 * Sends a keyword's confirmation through the one Sender. It answers a message the customer
 * has just sent, so the customer service window is open and it is not marketing: it goes to
 * an opted-out contact (that is its point), never to a suppressed number. A send Meta may
 * have accepted is not retried (a second confirmation is worse than none); a refusal for a
 * passing reason is.
 */
export function keywordReplyJobKind(deps: {
  sender: () => Pick<Sender, 'send'>;
  logger: Logger;
}): JobKind<typeof replyPayload> {
  return defineJobKind({
    kind: 'contacts.keyword_reply',
    payload: replyPayload,
    maxAttempts: 3,
    async run(p) {
      try {
        await deps.sender().send({
          accountId: p.accountId,
          phoneNumberId: p.phoneNumberId,
          phoneE164: `+${p.waId}`,
          contactId: p.contactId,
          campaignId: null,
          attemptId: null,
          content: { type: 'text', text: { body: p.text } },
          marketing: false,
        });
      } catch (error) {
        if (
          error instanceof GraphApiError &&
          (error.classification === 'retryable' || error.classification === 'throttled')
        )
          throw error;
        // A suppressed number, a closed account, an unknown outcome: logged, not retried.
        if (error instanceof AppError || error instanceof GraphApiError) {
          deps.logger.warn({ err: error, contactId: p.contactId }, 'keyword reply not sent');
          return;
        }
        throw error;
      }
    },
  });
}

/**
 * The consent module's part of a keyword change: in the intake transaction, one durable job
 * per inbound message (keyed by it, so a webhook delivered twice confirms once).
 */
export function keywordReplyHandler(
  jobs: Pick<JobQueue, 'enqueue'>,
  kind: JobKind<typeof replyPayload>,
): (tx: Executor, change: KeywordConsent) => Promise<void> {
  return async (tx, change) => {
    const { accountId, phoneNumberId, waId, match } = change;
    // A BSUID-only sender cannot be answered by number; no account, no number to answer from.
    if (match.reply === null || accountId === null || phoneNumberId === null || waId === null)
      return;
    await jobs.enqueue(
      kind,
      { accountId, phoneNumberId, waId, contactId: change.contactId, text: match.reply },
      { ex: tx, key: `keyword-reply:${change.messageId}` },
    );
  };
}
