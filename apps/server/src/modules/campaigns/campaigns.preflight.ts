import {
  skipReasons,
  type CampaignPreflight,
  type PreflightProblemCode,
  type PricingCategory,
  type SkipReason,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { ConflictError, NotFoundError } from '../../errors';
import type { Clock } from '../../platform/clock';
import { countryOfE164 } from '../contacts/contacts.phone';
import { candidates, decide, type AudienceDeps } from './campaigns.audience';
import { CostEstimator, type Billed } from './campaigns.cost';
import { specOf } from './campaigns.materialise';
import { listRateCard } from './campaigns.ratecard.repo';
import * as repo from './campaigns.repo';
import { limitOfTier, throughputOf } from './dispatch/dispatch.number';
import { portfolioCount, portfolioKnown } from './dispatch/dispatch.repo';

/**
 * The pre-flight of the review step: the audience through the same rules as materialisation
 * (a page of candidates at a time, each page checked in batches), nothing written. Launch
 * and approval refuse what it calls a problem, with the same reason.
 */

const DAY = 24 * 60 * 60_000;

export interface Problem {
  code: PreflightProblemCode;
  message: string;
}

export interface PreflightDeps {
  db: Executor;
  clock: Clock;
  audience: () => Promise<AudienceDeps>;
  /** A configured lower throughput for the number (messages per second), or null. */
  throughputCap(phoneNumberId: string): Promise<number | null>;
}

// Number states in which Meta does not deliver a business's messages.
const BLOCKED_NUMBER_STATES = new Set(['BANNED', 'RESTRICTED', 'DECLINED', 'DELETED']);

type NumberRow = Awaited<ReturnType<typeof repo.findPhoneNumber>>;
type TemplateRow = Awaited<ReturnType<typeof repo.findTemplate>>;

/** The problems of the template and number (the audience is judged by the caller). */
export function senderProblems(template: TemplateRow, number: NumberRow): Problem[] {
  const out: Problem[] = [];
  if (template === undefined)
    out.push({ code: 'template_missing', message: 'The template no longer exists.' });
  else if (template.status.toUpperCase() !== 'APPROVED')
    out.push({
      code: 'template_not_approved',
      message: `The template ${template.name} (${template.language}) is ${template.status}, not approved.`,
    });
  if (number === undefined)
    out.push({ code: 'number_missing', message: 'The sending number is no longer connected.' });
  else if (number.restriction !== null) {
    const r = JSON.parse(number.restriction) as { event?: string; detail?: string | null };
    out.push({
      code: 'number_restricted',
      message: `Meta restricted the account (${[r.event, r.detail].filter(Boolean).join(': ')}).`,
    });
  } else if (number.status !== null && BLOCKED_NUMBER_STATES.has(number.status.toUpperCase()))
    out.push({
      code: 'number_restricted',
      message: `The number ${number.displayPhoneNumber} is ${number.status}.`,
    });
  return out;
}

const audienceEmpty: Problem = {
  code: 'audience_empty',
  message: 'Nobody in the audience can be sent to.',
};

function pricingCategoryOf(templateCategory: string): PricingCategory {
  const c = templateCategory.toLowerCase();
  return c === 'utility' || c === 'authentication' ? c : 'marketing';
}

export interface Preflight {
  run(id: string): Promise<CampaignPreflight>;
  /** Throws a 409 `campaign_blocked` naming the first problem (launch, approval). */
  assertLaunchable(row: repo.CampaignRow): Promise<void>;
}

export function createPreflight(deps: PreflightDeps): Preflight {
  const { db, clock } = deps;

  async function run(row: repo.CampaignRow): Promise<CampaignPreflight> {
    const now = clock.now();
    const spec = specOf(row);
    const audience = await deps.audience();
    const [template, number, rates] = await Promise.all([
      repo.findTemplate(db, row.templateId),
      repo.findPhoneNumber(db, row.phoneNumberId),
      listRateCard(db),
    ]);
    const category = pricingCategoryOf(row.templateCategory);
    const cost = new CostEstimator(rates, category);
    const skipped = Object.fromEntries(skipReasons.map((r) => [r, 0])) as Record<
      SkipReason,
      number
    >;
    const limit = number === undefined ? Infinity : limitOfTier(number.messagingLimitTier);
    const seen = new Set<string>();
    let total = 0;
    let recipients = 0;
    let newToPortfolio = 0;
    for await (const page of candidates(db, audience, spec.audience)) {
      const decided = await decide(db, audience, spec, page, seen, now);
      total += decided.length;
      const queued = decided.filter((d) => d.status === 'queued');
      for (const d of decided) if (d.reason !== null) skipped[d.reason] += 1;
      recipients += queued.length;
      const phones = queued.map((d) => d.phoneE164);
      // Numbers messaged in the last 24 h do not count against the limit again.
      if (Number.isFinite(limit))
        newToPortfolio +=
          phones.length - (await portfolioKnown(db, row.accountId, phones, now - DAY)).size;
      cost.add(
        queued.map((d): Billed => ({
          country: d.contact?.country ?? countryOfE164(d.phoneE164),
          inWindow: d.contact?.lastInboundAt != null && d.contact.lastInboundAt > now - DAY,
        })),
      );
    }
    const used = Number.isFinite(limit)
      ? (await portfolioCount(db, row.accountId, now - DAY)).count
      : 0;
    const remaining = Number.isFinite(limit) ? Math.max(0, limit - used) : null;
    const deferredByLimit = remaining === null ? 0 : Math.max(0, newToPortfolio - remaining);
    const cap = await deps.throughputCap(row.phoneNumberId);
    const mps = Math.min(throughputOf(number?.throughputLevel ?? null), cap ?? Infinity);
    const problems = senderProblems(template, number);
    if (recipients === 0) problems.push(audienceEmpty);
    return {
      candidates: total,
      recipients,
      skipped,
      messagingLimit: {
        limit: Number.isFinite(limit) ? limit : null,
        usedLast24h: used,
        remaining,
        deferredByLimit,
      },
      throughput: {
        messagesPerSecond: mps,
        // What can leave today; the deferred go when the rolling window frees up.
        estimatedSeconds: Math.ceil((recipients - deferredByLimit) / mps),
      },
      cost: cost.result(),
      template: {
        status: template?.status ?? null,
        quality: template?.qualityScore ?? null,
        category: template?.category ?? null,
      },
      number: {
        quality: number?.qualityRating ?? null,
        status: number?.status ?? null,
        throughputLevel: number?.throughputLevel ?? null,
      },
      problems,
      canLaunch: problems.length === 0,
    };
  }

  /** Whether anyone would be sent to: stops at the first page that queues someone. */
  async function hasRecipients(row: repo.CampaignRow): Promise<boolean> {
    const spec = specOf(row);
    const audience = await deps.audience();
    const seen = new Set<string>();
    for await (const page of candidates(db, audience, spec.audience)) {
      const decided = await decide(db, audience, spec, page, seen, clock.now());
      if (decided.some((d) => d.status === 'queued')) return true;
    }
    return false;
  }

  return {
    async run(id) {
      const row = await repo.findCampaign(db, id);
      if (row === undefined) throw new NotFoundError('Campaign', id);
      return run(row);
    },
    async assertLaunchable(row) {
      const [template, number] = await Promise.all([
        repo.findTemplate(db, row.templateId),
        repo.findPhoneNumber(db, row.phoneNumberId),
      ]);
      const problems = senderProblems(template, number);
      if (problems.length === 0 && !(await hasRecipients(row))) problems.push(audienceEmpty);
      const first = problems[0];
      if (first !== undefined)
        throw new ConflictError(first.message, { problems }, 'campaign_blocked');
    },
  };
}
