import { randomUUID } from 'node:crypto';
import type { Executor } from '../../../db/executor';
import { addRecipients } from '../campaigns.counts.repo';

/** A running campaign with its recipients queued, as materialisation leaves it (tests, bench). */
export async function insertRunningCampaign(
  ex: Executor,
  input: {
    accountId: string;
    phoneNumberId: string;
    template: { id: string; name: string; language: string; category: string };
    phones: readonly string[];
    params?: Record<string, string>;
    sendWindow?: { startMinute: number; endMinute: number } | null;
    consecutiveFailureLimit?: number;
    /** `running` unless given (e.g. `paused` for a campaign only read). */
    status?: 'running' | 'paused';
    now: number;
  },
): Promise<string> {
  const id = randomUUID();
  const { now } = input;
  await ex
    .insertInto('campaigns')
    .values({
      id,
      name: `test ${id.slice(0, 8)}`,
      accountId: input.accountId,
      phoneNumberId: input.phoneNumberId,
      templateId: input.template.id,
      templateName: input.template.name,
      templateLanguage: input.template.language,
      templateCategory: input.template.category,
      audienceJson: JSON.stringify({ segmentIds: [], tagIds: [], numbers: [], uploadId: null }),
      variablesJson: '{}',
      headerMediaJson: null,
      sendWindowJson: input.sendWindow == null ? null : JSON.stringify(input.sendWindow),
      frequencyCapJson: null,
      scheduleAt: null,
      scheduleTimeZone: null,
      status: input.status ?? 'running',
      pauseReason: null,
      pauseDetail: null,
      ...(input.consecutiveFailureLimit === undefined
        ? {}
        : { consecutiveFailureLimit: input.consecutiveFailureLimit }),
      createdBy: 'test',
      launchRequestedBy: null,
      approvedBy: null,
      approvedAt: null,
      launchedAt: now,
      startedAt: now,
      finishedAt: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  const params = JSON.stringify(input.params ?? {});
  for (let i = 0; i < input.phones.length; i += 500) {
    const rows = input.phones.slice(i, i + 500).map((phoneE164) => ({
      campaignId: id,
      phoneNumberId: input.phoneNumberId,
      contactId: null,
      phoneE164,
      waId: phoneE164.slice(1),
      paramsJson: params,
      status: 'queued',
      reason: null,
      dueAt: now,
      attemptId: null,
      leaseGeneration: null,
      messageId: null,
      wamid: null,
      errorCode: null,
      errorTitle: null,
      errorDetail: null,
      failureKind: null,
      sendingAt: null,
      sentAt: null,
      deliveredAt: null,
      readAt: null,
      failedAt: null,
      repliedAt: null,
      optedOutAt: null,
      createdAt: now,
      updatedAt: now,
    }));
    await ex.insertInto('campaignRecipients').values(rows).execute();
  }
  await addRecipients(ex, id, 'queued', input.phones.length);
  return id;
}

/** Recipients per status, counted (to compare with campaign_counts). */
export async function statusesOf(
  ex: Executor,
  campaignId: string,
): Promise<Record<string, number>> {
  const rows = await ex
    .selectFrom('campaignRecipients')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** `count` distinct new US numbers (not seeded customers, none ending in 0000). */
export function newNumbers(count: number, first = 7_000_001): string[] {
  const out: string[] = [];
  for (let i = first; out.length < count; i++) {
    const local = String(i).padStart(7, '0');
    if (local.endsWith('0000')) continue;
    out.push(`+1650${local}`);
  }
  return out;
}

/** The most timestamps (ms) in any sliding window of `windowMs`: the rate the simulator saw. */
export function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
