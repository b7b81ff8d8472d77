import { newRowId } from '../../../db/ids';
import type { RecipientStatus } from '@kiana/contracts';
import type { Db } from '../../../db/database';
import type { Executor } from '../../../db/executor';
import type { Logger } from '../../../logger';
import type { Clock } from '../../../platform/clock';
import type { Lease, Leases } from '../../../platform/locks/leases';
import { leaseName } from '../../../platform/locks/lock-names';
import { GraphApiError } from '../../../whatsapp/graph.errors';
import type { AccountGraphApi } from '../../../whatsapp/graph.client';
import type { MessageContent } from '../../../whatsapp/graph.messages';
import type { RenderableTemplate } from '../../templates/templates.render';
import type { CampaignFinishedHooks } from '../campaigns.finished';
import type { Sender } from '../sender/sender';
import { AimdRate } from './dispatch.aimd';
import { TokenBucket, type SpentBatch } from './dispatch.bucket';
import { CampaignContent, type HeaderMedia } from './dispatch.content';
import { writtenAt } from './dispatch.departure';
import { FairShare } from './dispatch.fair-share';
import { RoundPace } from './dispatch.pace';
import { applyAction, type ActionTarget } from './dispatch.outcome';
import { decideOnFailure, failureOfGraphError } from './dispatch.policy';
import * as repo from './dispatch.repo';
import { sendWindowState, type SendWindow } from './dispatch.window';

/**
 * The dispatcher of one sending number: holds the number's lease (one across processes),
 * reconciles what a previous holder left in flight, then claims due recipients, paces them
 * with the token bucket shared fairly by the number's campaigns, marks each `sending` with a
 * fresh attempt id in a fenced transaction BEFORE its request leaves, sends through the
 * Sender, and writes the answers back in batches. It returns when the number has no running
 * campaign left, when it is stopped, or when the lease is lost.
 */

export interface DispatcherOptions {
  leaseTtlMs: number;
  /** Most recipients claimed per campaign and tick. */
  batchMax: number;
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** How often running campaigns, throughput and the messaging limit are read again. */
  refreshMs: number;
  /**
   * Share of the number's throughput used. Each token counts from when its request's answer
   * came back (`TokenBucket.redate`), by which time Meta has counted the request, so however
   * late Meta takes requests in, no second there holds more than this share of the rate
   * (the benchmark's worst second equals it: 970 at 0.97, 990 at 0.99; dated at departure,
   * 0.95 let a stall of the receiver put 1,009 in one second). What is left covers requests
   * whose answer never comes back.
   */
  headroom: number;
  /** How much of the time a late round missed is made up by the next rounds. */
  makeUpMs: number;
  /** How long a deferral for the messaging limit waits before the limit is read again. */
  limitRecheckMs: number;
  /** Sleep when nothing is due. */
  idleMs: number;
  /**
   * Least time between two claims, and between two writes of answers, unless a full batch is
   * ready: each round costs a few statements and a commit whatever its size, so rounds of one
   * recipient (one per answer freeing a slot) would spend the number's time on bookkeeping.
   * At 1,000 mps a round carries about 25 recipients; the bucket still bounds every second.
   */
  roundMs: number;
  /**
   * Replaces Meta's throughput of every number (messages per second); null in production.
   * The benchmark sets it to measure the dispatcher's own ceiling with the limit removed.
   */
  throughputOverride: number | null;
}

export const defaultDispatcherOptions: DispatcherOptions = {
  leaseTtlMs: 15_000,
  batchMax: 250,
  maxInFlight: 256,
  refreshMs: 1_000,
  headroom: 0.99,
  makeUpMs: 200,
  limitRecheckMs: 60_000,
  idleMs: 50,
  roundMs: 25,
  throughputOverride: null,
};

export interface DispatcherDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  leases: Leases;
  sender: Sender;
  /** The campaign's template as stored (status and components). */
  template(templateId: string): Promise<RenderableTemplate & { status: string }>;
  /** A configured throughput cap for the number (messages per second), or null. */
  throughputCap(phoneNumberId: string): Promise<number | null>;
  options: DispatcherOptions;
  /** What follows a completion, in its transaction (the `campaign.finished` event). */
  finished?: CampaignFinishedHooks;
}

/** Messages per second of a throughput level (NOTES §6.1). */
export function throughputOf(level: string | null): number {
  if (level === 'HIGH') return 1000;
  if (level === 'COEXISTENCE') return 20;
  return 80;
}

/** Unique recipients per rolling 24 h of a tier (`null`: not known, no limit enforced). */
export function limitOfTier(tier: string | null): number {
  switch (tier) {
    case 'TIER_50':
      return 50;
    case 'TIER_250':
      return 250;
    case 'TIER_1K':
      return 1000;
    case 'TIER_2K':
      return 2000;
    case 'TIER_10K':
      return 10_000;
    case 'TIER_100K':
      return 100_000;
    default:
      return Number.POSITIVE_INFINITY;
  }
}

const DAY = 24 * 60 * 60_000;
/** How far back a new holder counts the number's logged sends (a batch's departure lags its log). */
const INHERITED_SECONDS = 2;

interface Running {
  campaign: repo.RunningCampaign;
  content: CampaignContent | null;
  marketing: boolean;
  window: SendWindow | null;
}

interface InFlight {
  campaignId: string;
  accountId: string;
  recipient: repo.DueRecipient;
  attemptId: string;
  content: MessageContent;
}

type Answer = InFlight & ({ ok: true; wamid: string } | { ok: false; error: GraphApiError });

/** The requests of one round: their tokens' entry in the bucket, once settled. */
interface Round {
  batch: SpentBatch | null;
  /** When answers came back before the round's tokens were settled. */
  early: number[];
}

export class NumberDispatcher {
  private readonly stop = new AbortController();
  private readonly bucket: TokenBucket;
  private readonly aimd: AimdRate;
  private readonly share = new FairShare();
  private readonly pace: RoundPace;
  private running: Running[] = [];
  private refreshedAt = Number.NEGATIVE_INFINITY;
  private limit = Number.POSITIVE_INFINITY;
  private limitFreesAt: number | null = null;
  private used = 0;
  private inFlight = 0;
  private answers: Answer[] = [];
  /** When the last claim and the last write of answers ran (monotonic ms, not the clock). */
  private claimedAt = Number.NEGATIVE_INFINITY;
  private flushedAt = Number.NEGATIVE_INFINITY;
  private wake: (() => void) | null = null;
  private readonly consecutive = new Map<string, number>();
  /** Sends since start, for tests and the bench. */
  sent = 0;

  constructor(
    private readonly deps: DispatcherDeps,
    readonly phoneNumberId: string,
  ) {
    this.aimd = new AimdRate({ ceiling: 80 });
    this.pace = new RoundPace(deps.options);
    this.bucket = new TokenBucket({ rate: 80 });
  }

  /** Asks the loop to stop after the requests in flight have answered. */
  close(): void {
    this.stop.abort();
    this.wake?.();
  }

  /** Runs while the number has work; false when another process holds the number. */
  async run(): Promise<boolean> {
    const { leases, options } = this.deps;
    const result = await leases.withLease(
      leaseName('dispatcher', this.phoneNumberId),
      options.leaseTtlMs,
      (lease) => this.loop(lease),
    );
    return result.acquired;
  }

  private async loop(lease: Lease): Promise<void> {
    const { db, clock, logger } = this.deps;
    // Whatever a previous holder had in flight may have reached Meta: never sent blindly.
    const reconciled = await db.kysely.transaction().execute(async (tx) => {
      await lease.fence(tx);
      return repo.sendingToUnknown(tx, this.phoneNumberId, clock.now());
    });
    if (reconciled > 0)
      logger.warn({ phoneNumberId: this.phoneNumberId, reconciled }, 'in-flight sends → unknown');
    await this.inheritRecentSends();
    try {
      for (;;) {
        const stopping = this.stop.signal.aborted || lease.signal.aborted;
        if (this.answers.length > 0 && (stopping || this.isRoundDue(this.flushedAt))) {
          this.flushedAt = performance.now();
          await this.flush(lease);
        }
        if (stopping) {
          if (this.inFlight === 0) return;
          await this.sleep(20);
          continue;
        }
        const now = clock.now();
        if (now - this.refreshedAt >= this.deps.options.refreshMs) {
          await this.refresh(now);
          if (this.running.length === 0 && this.inFlight === 0 && this.answers.length === 0) return;
        }
        const waitMs = await this.tick(lease, now);
        if (waitMs > 0) await this.sleep(waitMs);
      }
    } finally {
      // Answers that came in after a lost lease are not written: the next holder reconciles.
      if (!lease.signal.aborted && this.answers.length > 0) await this.flush(lease).catch(() => {});
    }
  }

  /**
   * Whether a round may run: `roundMs` since the last, or a full batch waiting (answers to
   * write, or room to claim). The round timer is monotonic: tests move the clock by hand.
   */
  private isRoundDue(lastAt: number, room = this.answers.length): boolean {
    return (
      room >= this.deps.options.batchMax || performance.now() - lastAt >= this.deps.options.roundMs
    );
  }

  /** How long until a round is due again (the loop also wakes on every answer). */
  private untilRound(lastAt: number): number {
    return Math.max(1, Math.ceil(lastAt + this.deps.options.roundMs - performance.now()));
  }

  /**
   * A previous holder (a process killed, or one whose lease lapsed while its last batch was
   * leaving) may have sent in the last seconds: those sends count against this holder's
   * first window, as if spent now, so a takeover never doubles a second at Meta.
   */
  private async inheritRecentSends(): Promise<void> {
    const now = this.deps.clock.now();
    await this.refresh(now);
    const recent = await repo.sendsSince(
      this.deps.db.kysely,
      this.phoneNumberId,
      Math.floor(now / 1000) - INHERITED_SECONDS,
    );
    if (recent > 0) this.bucket.take(now, recent);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async refresh(now: number): Promise<void> {
    const { db } = this.deps;
    const campaigns = await repo.runningCampaignsOf(db.kysely, this.phoneNumberId);
    const known = new Map(this.running.map((r) => [r.campaign.id, r]));
    const next: Running[] = [];
    for (const campaign of campaigns) {
      const had = known.get(campaign.id);
      next.push(had ?? (await this.prepare(campaign)));
    }
    this.running = next;
    const first = campaigns[0];
    if (first !== undefined) {
      const limits = await repo.limitsOf(db.kysely, first.accountId, this.phoneNumberId);
      const cap = await this.deps.throughputCap(this.phoneNumberId);
      const ceiling =
        this.deps.options.throughputOverride ??
        Math.min(throughputOf(limits.throughputLevel), cap ?? Infinity);
      if (ceiling !== this.aimd.ceiling) this.aimd.setCeiling(ceiling, now);
      this.limit = limitOfTier(limits.tier);
      if (Number.isFinite(this.limit)) {
        const w = await repo.portfolioCount(db.kysely, first.accountId, now - DAY);
        this.used = w.count;
        this.limitFreesAt = w.oldest === null ? null : w.oldest + DAY;
      }
    }
    this.bucket.setRate(Math.max(1, Math.floor(this.aimd.rate(now) * this.deps.options.headroom)));
    this.refreshedAt = now;
  }

  private async prepare(campaign: repo.RunningCampaign): Promise<Running> {
    let content: CampaignContent | null = null;
    try {
      const template = await this.deps.template(campaign.templateId);
      const header =
        campaign.headerMediaJson === null
          ? null
          : (JSON.parse(campaign.headerMediaJson) as HeaderMedia);
      content = new CampaignContent(template, header);
    } catch (err) {
      this.deps.logger.warn({ err, campaignId: campaign.id }, 'campaign template unavailable');
    }
    const w =
      campaign.sendWindowJson === null
        ? null
        : (JSON.parse(campaign.sendWindowJson) as { startMinute: number; endMinute: number });
    return {
      campaign,
      content,
      marketing: campaign.templateCategory === 'MARKETING',
      window: w === null ? null : { start: hhmm(w.startMinute), end: hhmm(w.endMinute) },
    };
  }

  /** One round: claim, filter, pace, mark and send. Returns how long to wait before the next. */
  private async tick(lease: Lease, now: number): Promise<number> {
    const { db, options, sender } = this.deps;
    // Paced (dispatch.pace.ts): a round takes the rate's share of the time since the last.
    const rate = this.bucket.currentRate;
    const paced = this.pace.allowance(rate, performance.now());
    if (paced === 0 && rate > 0) return Math.min(this.pace.untilNext(rate), this.untilFlush());
    const room = Math.min(
      this.bucket.available(now),
      options.maxInFlight - this.inFlight,
      options.batchMax,
      paced,
    );
    if (room <= 0) {
      const next = this.bucket.nextAvailableAt(now);
      return Math.max(1, Math.min(next - now, options.idleMs, this.untilFlush()));
    }
    if (!this.isRoundDue(this.claimedAt, room))
      return Math.min(this.untilRound(this.claimedAt), this.untilFlush());
    this.claimedAt = performance.now();
    const claims = new Map<string, repo.DueRecipient[]>();
    let claimed = 0;
    for (const r of this.running) {
      if (r.content === null) continue;
      const due = await repo.dueRecipients(
        db.kysely,
        { phoneNumberId: this.phoneNumberId, campaignId: r.campaign.id },
        now,
        room,
      );
      if (due.length > 0) claims.set(r.campaign.id, due);
      claimed += due.length;
    }
    if (claimed === 0) {
      await this.completeIdle(now);
      return Math.min(options.idleMs, this.untilFlush());
    }
    // Filter: send window, consent and suppression, messaging limit; then pace.
    const defer: { r: repo.DueRecipient; to: RecipientStatus; patch: repo.RecipientPatch }[] = [];
    const eligible = new Map<string, { r: repo.DueRecipient; content: MessageContent }[]>();
    const allPhones = [...claims.values()].flat().map((r) => r.phoneE164);
    const known =
      Number.isFinite(this.limit) && this.running[0] !== undefined
        ? await repo.portfolioKnown(
            db.kysely,
            this.running[0].campaign.accountId,
            allPhones,
            now - DAY,
          )
        : new Set<string>();
    for (const run of this.running) {
      const due = claims.get(run.campaign.id);
      if (due === undefined || run.content === null) continue;
      const blocked = await sender.blocked(
        db.kysely,
        due.map((r) => r.phoneE164),
        { marketing: run.marketing },
      );
      const list: { r: repo.DueRecipient; content: MessageContent }[] = [];
      for (const r of due) {
        const block = blocked.get(r.phoneE164);
        if (block !== undefined) {
          defer.push({ r, to: 'skipped', patch: { reason: block } });
          continue;
        }
        // Without a send window the recipient's time zone is not needed (a phone parse each).
        const win = run.window === null ? null : sendWindowState(r.phoneE164, run.window, now);
        if (win !== null && !win.isOpen) {
          defer.push({ r, to: 'deferred', patch: { reason: 'send_window', dueAt: win.opensAt } });
          continue;
        }
        let content: MessageContent;
        try {
          content = run.content.render(JSON.parse(r.paramsJson) as Record<string, string>);
        } catch (err) {
          defer.push({
            r,
            to: 'failed',
            patch: {
              errorCode: 132000,
              errorTitle: 'Template parameters missing',
              errorDetail: err instanceof Error ? err.message.slice(0, 500) : String(err),
              failureKind: 'fix_message',
              failedAt: now,
            },
          });
          continue;
        }
        list.push({ r, content });
      }
      if (list.length > 0) eligible.set(run.campaign.id, list);
    }
    const demands = [...eligible].map(([campaignId, list]) => ({
      campaignId,
      wanted: list.length,
    }));
    const wanted = demands.reduce((s, d) => s + d.wanted, 0);
    const taken = this.bucket.take(now, wanted);
    this.pace.spend(taken);
    const grants = this.share.allocate(taken, demands);
    // Messaging limit: new unique recipients beyond what is left are deferred, never failed.
    const go: InFlight[] = [];
    const newPhones: string[] = [];
    for (const [campaignId, list] of eligible) {
      const run = this.running.find((x) => x.campaign.id === campaignId);
      if (run === undefined) continue;
      const n = grants.get(campaignId) ?? 0;
      for (const { r, content } of list.slice(0, n)) {
        const isNew = !known.has(r.phoneE164) && !newPhones.includes(r.phoneE164);
        if (isNew && this.used + newPhones.length >= this.limit) {
          const retryAt = Math.min(
            this.limitFreesAt ?? now + options.limitRecheckMs,
            now + options.limitRecheckMs,
          );
          defer.push({ r, to: 'deferred', patch: { reason: 'messaging_limit', dueAt: retryAt } });
          continue;
        }
        if (isNew) newPhones.push(r.phoneE164);
        go.push({
          campaignId,
          accountId: run.campaign.accountId,
          recipient: r,
          attemptId: newRowId(),
          content,
        });
      }
    }
    const marked = await this.markAndDefer(lease, go, defer, newPhones, now);
    this.used += newPhones.length;
    const round: Round = { batch: null, early: [] };
    for (const f of marked) this.fire(f, round);
    // The window counts from when the requests are written, whatever the marking took.
    // Not from here: undici writes a request on a reused keep-alive socket only in the event
    // loop's check phase (its idle-socket validation), after whatever the poll phase runs
    // first; webhooks taken in at 1,000 a second made that up to 200 ms, and the requests of
    // a round dated before it reached Meta together with the next second's (1,076 in one
    // second from a bucket of 950, at the simulator).
    // Each answer then moves its token to when it came back (TokenBucket.redate).
    if (marked.length > 0) {
      const at = await writtenAt(this.deps.clock);
      const batch = this.bucket.settle(taken, marked.length, Math.max(now, at));
      round.batch = batch;
      // Answers on loopback can come back in the poll phase before this resumes.
      if (batch !== null) for (const t of round.early) this.bucket.redate(batch, 1, t);
      round.early = [];
    } else this.bucket.settle(taken, 0, now);
    return 0;
  }

  /** How long until the waiting answers are due to be written (Infinity: none waiting). */
  private untilFlush(): number {
    return this.answers.length === 0 ? Number.POSITIVE_INFINITY : this.untilRound(this.flushedAt);
  }

  /** The fenced transaction that makes each send durable before it leaves. */
  private async markAndDefer(
    lease: Lease,
    go: InFlight[],
    defer: { r: repo.DueRecipient; to: RecipientStatus; patch: repo.RecipientPatch }[],
    newPhones: string[],
    now: number,
  ): Promise<InFlight[]> {
    const { db } = this.deps;
    return db.kysely.transaction().execute(async (tx) => {
      await lease.fence(tx);
      const moves = new repo.CountMoves();
      for (const { r, to, patch } of defer)
        if (await repo.moveRecipient(tx, { id: r.id }, r.status, to, patch, now))
          moves.move(r.campaignId, r.status, to);
      const marked: InFlight[] = [];
      const perCampaign = new Map<string, number>();
      for (const f of go) {
        const r = f.recipient;
        if (!(await repo.markSending(tx, r, f.attemptId, lease.generation, now))) continue;
        moves.move(r.campaignId, r.status, 'sending');
        perCampaign.set(r.campaignId, (perCampaign.get(r.campaignId) ?? 0) + 1);
        marked.push(f);
      }
      const accountId = go[0]?.accountId ?? this.running[0]?.campaign.accountId;
      if (accountId !== undefined && newPhones.length > 0)
        await repo.touchPortfolio(tx, accountId, newPhones, now);
      const second = Math.floor(now / 1000);
      await repo.logSends(
        tx,
        [...perCampaign].map(([campaignId, sent]) => ({
          phoneNumberId: this.phoneNumberId,
          second,
          campaignId,
          sent,
        })),
      );
      await moves.apply(tx);
      return marked;
    });
  }

  private fire(f: InFlight, round: Round): void {
    this.inFlight += 1;
    this.sent += 1;
    const target = { phoneNumberId: this.phoneNumberId, phoneE164: f.recipient.phoneE164 };
    const tag = { campaignId: f.campaignId, attemptId: f.attemptId };
    void this.deps.sender
      .api(f.accountId)
      .then((api: AccountGraphApi) => this.deps.sender.post(api, target, f.content, tag))
      .then(
        (outcome) => {
          // Meta has counted this request by now: its token counts from here.
          const at = this.deps.clock.now();
          if (round.batch !== null) this.bucket.redate(round.batch, 1, at);
          else round.early.push(at);
          this.answers.push({ ...f, ...outcome });
        },
        (err: unknown) => {
          // Not a Graph answer (no account, a bug): the request may not have left, but the
          // safe assumption for a message is that it did.
          this.deps.logger.error({ err, attemptId: f.attemptId }, 'send threw');
          this.answers.push({ ...f, ok: false, error: unknownOutcome(err) });
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        this.wake?.();
      });
  }

  /** Writes the answers in one fenced transaction: sent rows, messages, failures by policy. */
  private async flush(lease: Lease): Promise<void> {
    const { db, clock, sender } = this.deps;
    const batch = this.answers;
    this.answers = [];
    const now = clock.now();
    const touched = new Set<string>();
    const pauses: { target: ActionTarget; reason: string; detail: string | null }[] = [];
    await db.kysely.transaction().execute(async (tx) => {
      await lease.fence(tx);
      // Status webhooks for these sends may be arriving now (PostgreSQL: intake locks their
      // wamids sorted; taking them here one per record, in answer order, could deadlock).
      await sender.lockRecords(
        tx,
        batch.flatMap((a) => (a.ok ? [a.wamid] : [])),
      );
      const moves = new repo.CountMoves();
      // Recipients from a list or a CSV have no contact yet: found or created in one go.
      const contactOf = await sender.contactsOf(
        tx,
        batch.flatMap((a) =>
          a.ok && a.recipient.contactId === null ? [a.recipient.phoneE164] : [],
        ),
      );
      // Every sent message into its contact's conversation, in a few statements for the batch.
      const sent = batch.flatMap((a) => (a.ok ? [a] : []));
      const records = await sender.recordMany(
        tx,
        sent.map((a) => ({
          accountId: a.accountId,
          phoneNumberId: this.phoneNumberId,
          phoneE164: a.recipient.phoneE164,
          contactId: a.recipient.contactId ?? contactOf.get(a.recipient.phoneE164) ?? null,
          campaignId: a.campaignId,
          attemptId: a.attemptId,
          wamid: a.wamid,
          content: a.content,
        })),
      );
      const messageOf = new Map(sent.map((a, n) => [a, records[n]?.messageId as string]));
      for (const a of batch) {
        touched.add(a.campaignId);
        const r = a.recipient;
        if (a.ok) {
          this.consecutive.set(a.campaignId, 0);
          const patch = { wamid: a.wamid, messageId: messageOf.get(a) as string };
          if (
            await repo.moveRecipient(
              tx,
              { attemptId: a.attemptId },
              'sending',
              'sent',
              { ...patch, sentAt: now },
              now,
            )
          )
            moves.move(a.campaignId, 'sending', 'sent');
          else await repo.patchRecipient(tx, r.id, patch, now);
          continue;
        }
        const action = decideOnFailure(failureOfGraphError(a.error), {
          at: now,
          priorTransientFailures: r.reason === 'retry_backoff' ? Math.max(0, r.attempts) : 0,
          priorPairFailures: r.reason === 'pair_limit' ? Math.max(0, r.attempts) : 0,
          hasRetriedAfter24h: r.reason === 'retry_24h',
          isMessagingLimitReached: this.used >= this.limit,
        });
        if (action.action === 'slow_down') {
          this.aimd.onThrottle(now);
          this.bucket.setRate(
            Math.max(1, Math.floor(this.aimd.rate(now) * this.deps.options.headroom)),
          );
        }
        const failureCounts = action.action === 'fail' || action.action === 'not_on_whatsapp';
        const run = this.running.find((x) => x.campaign.id === a.campaignId);
        const n = failureCounts ? (this.consecutive.get(a.campaignId) ?? 0) + 1 : 0;
        if (failureCounts) this.consecutive.set(a.campaignId, n);
        const error = {
          code: a.error.metaCode ?? null,
          title: a.error.title ?? a.error.message,
          detail: a.error.metaDetails ?? null,
        };
        const effect = await applyAction(tx, moves, {
          recipient: { ...r, attemptId: a.attemptId, status: 'sending' },
          phoneNumberId: this.phoneNumberId,
          action,
          error,
          now,
        });
        if (effect.pause !== null) pauses.push(effect.pause);
        if (run !== undefined && n >= run.campaign.consecutiveFailureLimit && n > 0) {
          pauses.push({
            target: { campaignId: a.campaignId },
            reason: 'consecutive_failures',
            detail: `${n} consecutive failures, the last ${error.code ?? ''} ${error.title}`.trim(),
          });
          this.consecutive.set(a.campaignId, 0);
        }
      }
      await moves.apply(tx);
      for (const p of pauses) await repo.pauseCampaigns(tx, p.target, p.reason, p.detail, now);
      for (const id of touched) await this.completeIfDone(tx, id, now);
    });
    if (pauses.length > 0) this.refreshedAt = Number.NEGATIVE_INFINITY;
  }

  /** A campaign with nothing due: complete it if nothing is left to send. */
  private async completeIdle(now: number): Promise<void> {
    if (this.inFlight > 0 || this.answers.length > 0) return;
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      for (const r of this.running) await this.completeIfDone(tx, r.campaign.id, now);
    });
  }

  private async completeIfDone(tx: Executor, campaignId: string, now: number): Promise<void> {
    if (await repo.completeIfDone(tx, campaignId, now))
      await this.deps.finished?.finished(tx, campaignId, now);
  }
}

function hhmm(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A send that threw something other than a Graph answer: it may have left, so `unknown`. */
function unknownOutcome(err: unknown): GraphApiError {
  return new GraphApiError({
    classification: 'unknown-outcome',
    source: 'network',
    message: err instanceof Error ? err.message : String(err),
    method: 'POST',
    path: 'messages',
    cause: err,
  });
}
