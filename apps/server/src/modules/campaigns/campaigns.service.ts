import { randomUUID } from 'node:crypto';
import {
  campaignAudienceSchema,
  campaignVariablesSchema,
  type CampaignDetail,
  type CampaignListQuery,
  type CampaignPage,
  type CreateCampaignInput,
  type UpdateCampaignInput,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import type { EventBus } from '../../events/bus';
import { NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../platform/clock';
import type { SettingsStore } from '../../platform/settings/settings';
import type { AuditContext, AuditService } from '../audit/audit.service';
import { readCounts, readCountsOf } from './campaigns.counts.repo';
import { toDetail, toSummary } from './campaigns.mapper';
import * as repo from './campaigns.repo';
import { approvalRequiredSetting } from './campaigns.settings';
import { assertTransition } from './campaigns.states';
import type { CampaignUploads } from './campaigns.uploads';
import './campaigns.events';

/** Drafts: create, edit while draft, list, read, delete. */
export interface CampaignsService {
  create(input: CreateCampaignInput, who: AuditContext): Promise<CampaignDetail>;
  update(id: string, input: UpdateCampaignInput, who: AuditContext): Promise<CampaignDetail>;
  list(query: CampaignListQuery): Promise<CampaignPage>;
  get(id: string): Promise<CampaignDetail>;
  remove(id: string, who: AuditContext): Promise<void>;
  /** The detail on `ex` (inside a caller's transaction). */
  detail(ex: Executor, id: string): Promise<CampaignDetail>;
  load(ex: Executor, id: string): Promise<repo.CampaignRow>;
}

export interface CampaignsDeps {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  settings: SettingsStore;
  bus: EventBus;
  /** The CSV uploads of drafts: checked when an audience names one, deleted with the draft. */
  uploads: Pick<CampaignUploads, 'header' | 'discard'>;
}

/** The template and number a campaign sends with, checked to belong together. */
async function resolveSender(
  ex: Executor,
  phoneNumberId: string,
  templateId: string,
): Promise<{
  accountId: string;
  template: NonNullable<Awaited<ReturnType<typeof repo.findTemplate>>>;
}> {
  const number = await repo.findPhoneNumber(ex, phoneNumberId);
  if (number === undefined)
    throw new ValidationError('The sending number is not one of the connected numbers', {
      field: 'phoneNumberId',
    });
  const template = await repo.findTemplate(ex, templateId);
  if (template === undefined)
    throw new ValidationError('The template does not exist', { field: 'templateId' });
  if (template.accountId !== number.accountId)
    throw new ValidationError('The template belongs to another account than the number', {
      field: 'templateId',
    });
  return { accountId: number.accountId, template };
}

function checkSchedule(scheduleAt: number | null | undefined, now: number): void {
  if (scheduleAt !== null && scheduleAt !== undefined && scheduleAt < now - 60_000)
    throw new ValidationError('The scheduled time is in the past', { field: 'scheduleAt' });
}

function audienceIsEmpty(a: CreateCampaignInput['audience']): boolean {
  return (
    a.segmentIds.length === 0 && a.tagIds.length === 0 && a.numbers.length === 0 && !a.uploadId
  );
}

function checkAudience(a: CreateCampaignInput['audience']): void {
  if (a.uploadId !== null && a.csvNumberColumn === null)
    throw new ValidationError('Say which column of the uploaded file holds the numbers', {
      field: 'audience.csvNumberColumn',
    });
}

/**
 * The CSV an audience names belongs to this campaign, its number column exists, and every
 * parameter reading a CSV column names one of the file's columns (by header or index).
 */
async function checkCsv(
  ex: Executor,
  uploads: CampaignsDeps['uploads'],
  campaignId: string,
  audience: CreateCampaignInput['audience'],
  variables: CreateCampaignInput['variables'],
): Promise<void> {
  const columns = Object.entries(variables).flatMap(([slot, v]) =>
    v.source === 'csv' ? [{ slot, column: v.column }] : [],
  );
  if (audience.uploadId === null) {
    const first = columns[0];
    if (first !== undefined)
      throw new ValidationError('A parameter reads a CSV column but the audience has no CSV', {
        field: `variables.${first.slot}`,
      });
    return;
  }
  const header = await uploads.header(ex, campaignId, audience.uploadId);
  if (audience.csvNumberColumn !== null && audience.csvNumberColumn >= header.length)
    throw new ValidationError(`The CSV has ${header.length} columns`, {
      field: 'audience.csvNumberColumn',
    });
  for (const { slot, column } of columns) {
    const index = /^\d+$/.test(column) ? Number(column) : -1;
    if (!header.includes(column) && !(index >= 0 && index < header.length))
      throw new ValidationError(`The CSV has no column ${column}`, {
        field: `variables.${slot}`,
      });
  }
}

const json = (v: unknown): string | null => (v === null ? null : JSON.stringify(v));

export function createCampaignsService(deps: CampaignsDeps): CampaignsService {
  const { db, clock, audit } = deps;

  async function load(ex: Executor, id: string): Promise<repo.CampaignRow> {
    const row = await repo.findCampaign(ex, id);
    if (row === undefined) throw new NotFoundError('Campaign', id);
    return row;
  }

  async function detail(ex: Executor, id: string): Promise<CampaignDetail> {
    const row = await load(ex, id);
    const approval = (await deps.settings.get(ex, approvalRequiredSetting)).value;
    return toDetail(row, await readCounts(ex, id), approval);
  }

  function changed(id: string, status: string): void {
    deps.bus.publish('campaigns.changed', {
      campaignId: id,
      status: status as CampaignDetail['status'],
    });
  }

  return {
    load,
    detail,
    async create(input, who) {
      const now = clock.now();
      checkSchedule(input.scheduleAt, now);
      checkAudience(input.audience);
      const id = randomUUID();
      // A CSV is uploaded to an existing draft (`POST /campaigns/:id/uploads`).
      await checkCsv(db, deps.uploads, id, input.audience, input.variables);
      const created = await db.transaction().execute(async (tx) => {
        const { accountId, template } = await resolveSender(
          tx,
          input.phoneNumberId,
          input.templateId,
        );
        await repo.insertCampaign(tx, {
          id,
          name: input.name,
          accountId,
          phoneNumberId: input.phoneNumberId,
          templateId: template.id,
          templateName: template.name,
          templateLanguage: template.language,
          templateCategory: template.category.toUpperCase(),
          audienceJson: JSON.stringify(input.audience),
          variablesJson: JSON.stringify(input.variables),
          headerMediaJson: json(input.headerMedia),
          channel: input.channel,
          scheduleAt: input.scheduleAt,
          scheduleTimeZone: input.scheduleTimeZone,
          sendWindowJson: json(input.sendWindow),
          frequencyCapJson: json(input.frequencyCap),
          status: 'draft',
          consecutiveFailureLimit: input.consecutiveFailureLimit,
          replyAttributionHours: input.replyAttributionHours,
          unknownAfterMinutes: input.unknownAfterMinutes,
          createdBy: who.actor.id ?? who.actor.name ?? who.actor.type,
          createdAt: now,
          updatedAt: now,
        });
        await audit.record(tx, {
          ...who,
          action: 'campaign.create',
          target: { type: 'campaign', id },
          details: { name: input.name, template: template.name, number: input.phoneNumberId },
        });
        return detail(tx, id);
      });
      changed(id, 'draft');
      return created;
    },

    async update(id, input, who) {
      const now = clock.now();
      checkSchedule(input.scheduleAt, now);
      if (input.audience !== undefined) checkAudience(input.audience);
      const updated = await db.transaction().execute(async (tx) => {
        const row = await load(tx, id);
        assertTransition('update', row.status);
        const patch: repo.CampaignPatch = { updatedAt: now };
        if (input.phoneNumberId !== undefined || input.templateId !== undefined) {
          const { accountId, template } = await resolveSender(
            tx,
            input.phoneNumberId ?? row.phoneNumberId,
            input.templateId ?? row.templateId,
          );
          Object.assign(patch, {
            accountId,
            phoneNumberId: input.phoneNumberId ?? row.phoneNumberId,
            templateId: template.id,
            templateName: template.name,
            templateLanguage: template.language,
            templateCategory: template.category.toUpperCase(),
          });
        }
        if (input.audience !== undefined || input.variables !== undefined)
          await checkCsv(
            tx,
            deps.uploads,
            id,
            input.audience ?? campaignAudienceSchema.parse(JSON.parse(row.audienceJson)),
            input.variables ?? campaignVariablesSchema.parse(JSON.parse(row.variablesJson)),
          );
        if (input.name !== undefined) patch.name = input.name;
        if (input.audience !== undefined) patch.audienceJson = JSON.stringify(input.audience);
        if (input.variables !== undefined) patch.variablesJson = JSON.stringify(input.variables);
        if (input.headerMedia !== undefined) patch.headerMediaJson = json(input.headerMedia);
        if (input.channel !== undefined) patch.channel = input.channel;
        if (input.scheduleAt !== undefined) patch.scheduleAt = input.scheduleAt;
        if (input.scheduleTimeZone !== undefined) patch.scheduleTimeZone = input.scheduleTimeZone;
        if (input.sendWindow !== undefined) patch.sendWindowJson = json(input.sendWindow);
        if (input.frequencyCap !== undefined) patch.frequencyCapJson = json(input.frequencyCap);
        if (input.consecutiveFailureLimit !== undefined)
          patch.consecutiveFailureLimit = input.consecutiveFailureLimit;
        if (input.replyAttributionHours !== undefined)
          patch.replyAttributionHours = input.replyAttributionHours;
        if (input.unknownAfterMinutes !== undefined)
          patch.unknownAfterMinutes = input.unknownAfterMinutes;
        // Compare-and-set on draft: a launch that committed meanwhile wins.
        if (!(await repo.transitionCampaign(tx, id, ['draft'], { ...patch, status: 'draft' })))
          assertTransition('update', (await load(tx, id)).status);
        await audit.record(tx, {
          ...who,
          action: 'campaign.update',
          target: { type: 'campaign', id },
          details: { fields: Object.keys(input).join(',') },
        });
        return detail(tx, id);
      });
      changed(id, 'draft');
      return updated;
    },

    async list(query) {
      const { rows, total } = await repo.listCampaigns(db, query);
      const counts = await readCountsOf(
        db,
        rows.map((r) => r.id),
      );
      return {
        campaigns: rows.map((r) => toSummary(r, counts.get(r.id)!)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    get: (id) => detail(db, id),

    async remove(id, who) {
      await db.transaction().execute(async (tx) => {
        const row = await load(tx, id);
        assertTransition('remove', row.status);
        await repo.deleteCampaign(tx, id);
        await audit.record(tx, {
          ...who,
          action: 'campaign.delete',
          target: { type: 'campaign', id },
          details: { name: row.name },
        });
      });
      // After the commit: a failed delete leaves a file, never a draft without its CSV.
      await deps.uploads.discard(id);
    },
  };
}

export { audienceIsEmpty };
