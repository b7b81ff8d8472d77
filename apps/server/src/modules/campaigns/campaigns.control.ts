import type { CampaignDetail, RunControlResult } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { ForbiddenError } from '../../errors';
import type { JobQueue } from '../../platform/jobs/jobs.queue';
import type { AuditContext } from '../audit/audit.service';
import { moveRecipients, readCounts } from './campaigns.counts.repo';
import type { MaterialiseJobKind } from './campaigns.materialise';
import * as repo from './campaigns.repo';
import * as recipients from './campaigns.recipients.repo';
import type { CampaignsDeps, CampaignsService } from './campaigns.service';
import { approvalRequiredSetting } from './campaigns.settings';
import { assertTransition, refused, type CampaignAction } from './campaigns.states';

/** Launch, approval and run control: each a transition of the state machine, audited with it. */
export interface CampaignControl {
  launch(id: string, who: AuditContext): Promise<RunControlResult>;
  approve(id: string, who: AuditContext): Promise<RunControlResult>;
  reject(id: string, who: AuditContext): Promise<RunControlResult>;
  pause(id: string, detail: string | undefined, who: AuditContext): Promise<RunControlResult>;
  resume(id: string, who: AuditContext): Promise<RunControlResult>;
  cancel(id: string, who: AuditContext): Promise<RunControlResult>;
  retry(
    id: string,
    ids: readonly number[] | undefined,
    who: AuditContext,
  ): Promise<RunControlResult>;
}

/** Failure kinds a plain "retry failed" sends again: the message itself was fine. */
export const RETRYABLE_KINDS = ['retry_after', 'pause_sender', 'transient', 'throttled'] as const;

function actorKey(who: AuditContext): string {
  return who.actor.id ?? who.actor.name ?? who.actor.type;
}

export function createCampaignControl(
  deps: CampaignsDeps & {
    jobs: JobQueue;
    materialise: MaterialiseJobKind;
    /** The pre-flight's blocking problems refuse a launch or an approval, with the reason. */
    assertLaunchable(row: repo.CampaignRow): Promise<void>;
  },
  campaigns: CampaignsService,
): CampaignControl {
  const { db, clock, audit } = deps;

  /** Runs one action: load, check the transition, change, audit, all in one transaction. */
  async function act(
    id: string,
    action: CampaignAction,
    who: AuditContext,
    change: (
      tx: Executor,
      row: repo.CampaignRow,
      now: number,
    ) => Promise<{
      affected?: number;
      details?: Record<string, string | number | boolean | null>;
    }>,
  ): Promise<RunControlResult> {
    const result = await db.transaction().execute(async (tx) => {
      const row = await campaigns.load(tx, id);
      assertTransition(action, row.status);
      const now = clock.now();
      const { affected = 0, details = {} } = await change(tx, row, now);
      await audit.record(tx, {
        ...who,
        action: `campaign.${action}`,
        target: { type: 'campaign', id },
        details: { name: row.name, from: row.status, ...details },
      });
      return { campaign: await campaigns.detail(tx, id), affected };
    });
    deps.bus.publish('campaigns.changed', { campaignId: id, status: result.campaign.status });
    return result;
  }

  /** Compare-and-set from the statuses the action allows; a concurrent change makes it a 409. */
  async function move(
    tx: Executor,
    row: repo.CampaignRow,
    action: CampaignAction,
    patch: repo.CampaignPatch & { status: CampaignDetail['status'] },
  ): Promise<void> {
    const ok = await repo.transitionCampaign(
      tx,
      row.id,
      [row.status as CampaignDetail['status']],
      patch,
    );
    if (!ok) throw refused(action, (await campaigns.load(tx, row.id)).status);
  }

  /** After launch (and approval): scheduled for later, or materialising now; a durable job either way. */
  async function start(
    tx: Executor,
    row: repo.CampaignRow,
    action: CampaignAction,
    now: number,
    extra: repo.CampaignPatch,
  ) {
    const later = row.scheduleAt !== null && row.scheduleAt > now;
    await move(tx, row, action, {
      ...extra,
      status: later ? 'scheduled' : 'materialising',
      launchedAt: now,
      updatedAt: now,
    });
    await deps.jobs.enqueue(
      deps.materialise,
      { campaignId: row.id },
      { ex: tx, key: `campaigns.materialise:${row.id}`, runAt: later ? row.scheduleAt! : now },
    );
    return { details: { scheduledFor: later ? row.scheduleAt : null } };
  }

  /** Checked before the transaction: it reads the whole audience, which may take a while. */
  async function launchable(id: string, action: CampaignAction): Promise<void> {
    const row = await campaigns.load(db, id);
    assertTransition(action, row.status);
    await deps.assertLaunchable(row);
  }

  return {
    launch: async (id, who) => {
      await launchable(id, 'launch');
      return act(id, 'launch', who, async (tx, row, now) => {
        const approval = (await deps.settings.get(tx, approvalRequiredSetting)).value;
        if (approval) {
          await move(tx, row, 'launch', {
            status: 'awaiting_approval',
            launchRequestedBy: actorKey(who),
            updatedAt: now,
          });
          return { details: { approvalRequired: true } };
        }
        return start(tx, row, 'launch', now, { launchRequestedBy: actorKey(who) });
      });
    },

    approve: async (id, who) => {
      await launchable(id, 'approve');
      return act(id, 'approve', who, async (tx, row, now) => {
        // Maker/checker: the approval of the one who asked is no approval at all.
        if (row.launchRequestedBy === actorKey(who) || row.createdBy === actorKey(who))
          throw new ForbiddenError(
            'A campaign must be approved by someone other than the person who created or launched it.',
            'campaign_approval_same_user',
          );
        return start(tx, row, 'approve', now, { approvedBy: actorKey(who), approvedAt: now });
      });
    },

    reject: (id, who) =>
      act(id, 'reject', who, async (tx, row, now) => {
        await move(tx, row, 'reject', { status: 'draft', launchRequestedBy: null, updatedAt: now });
        return {};
      }),

    pause: (id, detail, who) =>
      act(id, 'pause', who, async (tx, row, now) => {
        await move(tx, row, 'pause', {
          status: 'paused',
          pauseReason: 'operator',
          pauseDetail: detail ?? null,
          updatedAt: now,
        });
        return {};
      }),

    resume: (id, who) =>
      act(id, 'resume', who, async (tx, row, now) => {
        // Paused before materialisation finished: the job is still to run (or running) and
        // moves it on; otherwise the dispatcher picks it up again.
        const counts = await readCounts(tx, row.id);
        const materialised = row.startedAt !== null || counts.queued + counts.deferred > 0;
        await move(tx, row, 'resume', {
          status: materialised ? 'running' : 'materialising',
          pauseReason: null,
          pauseDetail: null,
          updatedAt: now,
        });
        return {};
      }),

    cancel: (id, who) =>
      act(id, 'cancel', who, async (tx, row, now) => {
        await move(tx, row, 'cancel', { status: 'cancelled', finishedAt: now, updatedAt: now });
        let affected = 0;
        for (const from of ['queued', 'deferred'] as const) {
          const n = await recipients.skipWaiting(tx, row.id, from, 'cancelled', now);
          await moveRecipients(tx, row.id, from, 'skipped', n);
          affected += n;
        }
        return { affected, details: { cancelledRecipients: affected } };
      }),

    retry: (id, ids, who) =>
      act(id, 'retry', who, async (tx, row, now) => {
        let affected = 0;
        const froms: ('failed' | 'unknown')[] =
          ids === undefined ? ['failed'] : ['failed', 'unknown'];
        for (const from of froms) {
          const n = await recipients.requeue(tx, row.id, from, now, {
            ids,
            kinds: ids === undefined ? RETRYABLE_KINDS : undefined,
          });
          await moveRecipients(tx, row.id, from, 'queued', n);
          affected += n;
        }
        if (row.status === 'completed' && affected > 0)
          await move(tx, row, 'retry', { status: 'running', finishedAt: null, updatedAt: now });
        return { affected, details: { retried: affected, chosen: ids?.length ?? null } };
      }),
  };
}
