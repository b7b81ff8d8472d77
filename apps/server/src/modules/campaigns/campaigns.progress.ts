import {
  failureKindSchema,
  recipientReasonSchema,
  recipientStatusSchema,
  type CampaignProgress,
  type CampaignRecipient,
  type RecipientListQuery,
  type RecipientPage,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { NotFoundError } from '../../errors';
import type { Clock } from '../../platform/clock';
import { describeMetaCode } from '../../whatsapp/graph.failure-catalogue';
import { readCounts } from './campaigns.counts.repo';
import {
  countRecipients,
  isCountable,
  listRecipients,
  sendSeries,
  type RecipientListRow,
} from './campaigns.progress.repo';
import { findCampaign } from './campaigns.repo';

/** Live progress and the per-recipient list of a campaign (read only). */
export interface CampaignProgressService {
  progress(id: string): Promise<CampaignProgress>;
  recipients(id: string, query: RecipientListQuery): Promise<RecipientPage>;
}

/** The rate is the mean over this window: one second is too jumpy to read. */
const RATE_WINDOW_S = 10;
/** The chart shows the last ten minutes of sends. */
const SERIES_S = 600;

function toRecipient(r: RecipientListRow): CampaignRecipient {
  const failure = r.status === 'failed' ? describeMetaCode(r.errorCode) : null;
  const reason = recipientReasonSchema.safeParse(r.reason);
  const kind = failureKindSchema.safeParse(r.failureKind);
  return {
    id: r.id,
    contactId: r.contactId,
    contactName: r.contactName ?? r.profileName,
    phoneE164: r.phoneE164,
    status: recipientStatusSchema.parse(r.status),
    reason: reason.success ? reason.data : null,
    // Only a waiting recipient has a meaningful "when": deferred until, or queued for.
    dueAt: r.status === 'deferred' || r.status === 'queued' ? r.dueAt : null,
    attempts: r.attempts,
    wamid: r.wamid,
    errorCode: r.errorCode,
    errorTitle: r.errorTitle ?? failure?.title ?? null,
    errorDetail: r.errorDetail,
    errorExplanation: failure?.explanationKey ?? null,
    errorAction: failure?.actionKey ?? null,
    failureKind: kind.success ? kind.data : null,
    sentAt: r.sentAt,
    deliveredAt: r.deliveredAt,
    readAt: r.readAt,
    failedAt: r.failedAt,
    repliedAt: r.repliedAt,
    optedOutAt: r.optedOutAt,
    updatedAt: r.updatedAt,
  };
}

export function createCampaignProgress(deps: {
  db: Executor;
  clock: Clock;
}): CampaignProgressService {
  const { db, clock } = deps;

  async function exists(id: string): Promise<void> {
    if ((await findCampaign(db, id)) === undefined) throw new NotFoundError('Campaign', id);
  }

  return {
    async progress(id) {
      await exists(id);
      const byStatus = await readCounts(db, id);
      const nowS = Math.floor(clock.now() / 1000);
      const series = await sendSeries(db, id, nowS - SERIES_S);
      // Complete seconds only: the current one is still being counted.
      const recent = series.filter(([s]) => s >= nowS - RATE_WINDOW_S && s < nowS);
      const currentRate = recent.reduce((n, [, sent]) => n + sent, 0) / RATE_WINDOW_S;
      const waiting = byStatus.queued + byStatus.sending;
      const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
      return {
        counts: { total, byStatus },
        currentRate,
        // Deferred recipients wait for a window or the limit, not for the rate: not estimated.
        estimatedFinishAt:
          currentRate > 0 && waiting > 0
            ? clock.now() + Math.ceil((waiting / currentRate) * 1000)
            : null,
        series,
      };
    },

    async recipients(id, query) {
      await exists(id);
      const { page, pageSize, after, ...filter } = query;
      const rows = await listRecipients(db, id, filter, {
        after,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      const total = isCountable(filter)
        ? await countFromCounters(db, id, filter.status)
        : await countRecipients(db, id, filter);
      const last = rows[rows.length - 1];
      return {
        recipients: rows.map(toRecipient),
        total,
        page,
        pageSize,
        nextAfter: rows.length === pageSize && last !== undefined ? last.id : null,
      };
    },
  };
}

/** The total from the maintained counters: a million-recipient campaign is not counted. */
async function countFromCounters(
  ex: Executor,
  id: string,
  status: CampaignRecipient['status'] | undefined,
): Promise<number> {
  const counts = await readCounts(ex, id);
  return status === undefined ? Object.values(counts).reduce((a, b) => a + b, 0) : counts[status];
}
