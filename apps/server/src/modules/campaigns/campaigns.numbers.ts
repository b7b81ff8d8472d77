import { numberHealthChangeSchema, type NumberHealth } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { limitOfTier, throughputOf } from './dispatch/dispatch.number';
import { portfolioCount } from './dispatch/dispatch.repo';
import { listHealthChangesSince, listNumberHealthRows } from './campaigns.repo';

const DAY = 86_400_000;
const HISTORY_PER_NUMBER = 20;

/**
 * Every sending number as the dashboard shows it: quality, the rate the dispatcher paces it
 * to, its portfolio's messaging limit with what the rolling 24 h left of it (the same count
 * the pre-flight and the dispatcher use), and the health changes since `since`.
 */
export async function numberHealth(
  ex: Executor,
  since: number,
  now: number,
): Promise<{ numbers: NumberHealth[] }> {
  const rows = await listNumberHealthRows(ex);
  const changes = new Map<string, Awaited<ReturnType<typeof listHealthChangesSince>>>();
  for (const r of rows)
    changes.set(r.phoneNumberId, await listHealthChangesSince(ex, r, since, HISTORY_PER_NUMBER));
  const used = new Map<string, number>();
  for (const accountId of new Set(rows.map((r) => r.accountId)))
    used.set(accountId, (await portfolioCount(ex, accountId, now - DAY)).count);
  return {
    numbers: rows.map((r) => {
      const limit = limitOfTier(r.messagingLimitTier);
      const usedLast24h = used.get(r.accountId) ?? 0;
      const history = (changes.get(r.phoneNumberId) ?? []).flatMap((c) => {
        const parsed = numberHealthChangeSchema.safeParse({ ...c, at: Number(c.at) });
        return parsed.success ? [parsed.data] : [];
      });
      return {
        phoneNumberId: r.phoneNumberId,
        accountId: r.accountId,
        accountName: r.accountName,
        displayPhoneNumber: r.displayPhoneNumber,
        verifiedName: r.verifiedName,
        qualityRating: r.qualityRating,
        status: r.status,
        throughputLevel: r.throughputLevel,
        messagesPerSecond: throughputOf(r.throughputLevel),
        messagingLimit: {
          tier: r.messagingLimitTier,
          limit: Number.isFinite(limit) ? limit : null,
          usedLast24h,
          remaining: Number.isFinite(limit) ? Math.max(0, limit - usedLast24h) : null,
        },
        history,
      };
    }),
  };
}
