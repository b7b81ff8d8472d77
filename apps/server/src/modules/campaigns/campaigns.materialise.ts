import { z } from 'zod';
import {
  campaignAudienceSchema,
  campaignVariablesSchema,
  frequencyCapSchema,
  type RecipientStatus,
  type SkipReason,
} from '@kiana/contracts';
import type { Db } from '../../db/database';
import type { EventBus } from '../../events/bus';
import type { Clock } from '../../platform/clock';
import { defineJobKind } from '../../platform/jobs/jobs.kind';
import { systemActor, type AuditService } from '../audit/audit.service';
import { candidates, decide, type AudienceDeps, type AudienceSpec } from './campaigns.audience';
import { insertRecipients } from './campaigns.audience.repo';
import { adjustCounts, readCounts, type CountDeltas } from './campaigns.counts.repo';
import type { CampaignFinishedHooks } from './campaigns.finished';
import * as repo from './campaigns.repo';
import './campaigns.events';

export interface MaterialiseDeps {
  db: Db;
  clock: Clock;
  bus: EventBus;
  audit: AuditService;
  /** Audience rules bound to the current settings (default country). */
  audience: () => Promise<AudienceDeps>;
  /** A campaign with nobody to send to completes here: its `campaign.finished` event. */
  finished?: CampaignFinishedHooks;
  /** Deletes the campaign's CSV uploads once its recipients (with their values) are stored. */
  discardUploads?: (campaignId: string) => Promise<void>;
}

const BATCH = 1000;

/** The audience spec stored with a campaign. */
export function specOf(row: repo.CampaignRow): AudienceSpec {
  return {
    audience: campaignAudienceSchema.parse(JSON.parse(row.audienceJson)),
    variables: campaignVariablesSchema.parse(JSON.parse(row.variablesJson)),
    marketing: row.templateCategory === 'MARKETING',
    frequencyCap:
      row.frequencyCapJson === null
        ? null
        : frequencyCapSchema.parse(JSON.parse(row.frequencyCapJson)),
  };
}

/**
 * Materialisation as a durable job: a scheduled campaign is started here at its `runAt`
 * (so a restart loses no schedule), the audience is resolved and inserted in batches, each
 * batch with its counts in one transaction. A crashed run simply runs again: numbers already
 * inserted are ignored by the (campaign, number) key, so the counts stay exact and nobody is
 * queued twice. The campaign becomes `running` for the dispatcher at the end.
 */
export function materialiseJobKind(deps: MaterialiseDeps) {
  return defineJobKind({
    kind: 'campaigns.materialise',
    payload: z.object({ campaignId: z.string() }),
    maxAttempts: 10,
    async run({ campaignId }, job) {
      const { db, clock } = deps;
      const k = db.kysely;
      const row = await repo.findCampaign(k, campaignId);
      if (row === undefined) return;
      if (row.status === 'scheduled') {
        await k.transaction().execute(async (tx) => {
          await repo.transitionCampaign(tx, campaignId, ['scheduled'], {
            status: 'materialising',
            updatedAt: clock.now(),
          });
        });
        deps.bus.publish('campaigns.changed', { campaignId, status: 'materialising' });
      } else if (row.status !== 'materialising' && row.status !== 'paused') return;
      const spec = specOf(row);
      const audience = await deps.audience();
      const seen = new Set<string>();
      const skipped: Partial<Record<SkipReason, number>> = {};
      const now = clock.now();
      let done = 0;
      for await (const page of candidates(k, audience, spec.audience)) {
        if (job.signal.aborted) throw new Error('materialisation interrupted');
        const decided = await decide(k, audience, spec, page, seen, now);
        for (let i = 0; i < decided.length; i += BATCH) {
          const rows = decided
            .slice(i, i + BATCH)
            .filter((d) => d.reason !== 'duplicate')
            .map((d) => ({
              campaignId,
              phoneNumberId: row.phoneNumberId,
              contactId: d.contact?.id ?? null,
              phoneE164: d.phoneE164,
              waId: d.contact?.waId ?? null,
              paramsJson: JSON.stringify(d.params),
              status: d.status,
              reason: d.reason,
              dueAt: now,
              createdAt: now,
              updatedAt: now,
            }));
          await k.transaction().execute(async (tx) => {
            const statuses = await insertRecipients(tx, rows);
            const deltas: CountDeltas = {};
            for (const s of statuses)
              deltas[s as RecipientStatus] = (deltas[s as RecipientStatus] ?? 0) + 1;
            await adjustCounts(tx, campaignId, deltas);
          });
        }
        for (const d of decided)
          if (d.reason !== null) skipped[d.reason] = (skipped[d.reason] ?? 0) + 1;
        done += decided.length;
        await job.progress({ done, note: 'materialising' });
      }
      const status = await job.commit(async (tx) => {
        const counts = await readCounts(tx, campaignId);
        const next = counts.queued + counts.deferred === 0 ? 'completed' : 'running';
        const at = clock.now();
        const moved = await repo.transitionCampaign(tx, campaignId, ['materialising'], {
          status: next,
          startedAt: at,
          finishedAt: next === 'completed' ? at : null,
          updatedAt: at,
        });
        await deps.audit.record(tx, {
          actor: systemActor('campaigns.materialise'),
          action: 'campaign.materialise',
          target: { type: 'campaign', id: campaignId },
          details: {
            candidates: done,
            queued: counts.queued,
            ...Object.fromEntries(Object.entries(skipped).map(([r, n]) => [`skipped_${r}`, n])),
          },
        });
        if (moved && next === 'completed') await deps.finished?.finished(tx, campaignId, at);
        return moved ? next : null;
      });
      if (status !== null) deps.bus.publish('campaigns.changed', { campaignId, status });
      // Each recipient's CSV values are in its row now: a resume never reads the file again.
      if (status !== null) await deps.discardUploads?.(campaignId);
      deps.bus.publish('campaigns.progress', {
        campaignId,
        counts: await readCounts(k, campaignId),
      });
    },
  });
}

export type MaterialiseJobKind = ReturnType<typeof materialiseJobKind>;
