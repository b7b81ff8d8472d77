import { createHash } from 'node:crypto';
import type { WebhookInboundMessage } from '@kiana/contracts';
import { UPLOADED_MEDIA_TTL_MS } from '../media/lifetime';
import type { AccessTokenDef, SimContext } from '../context';
import { deliverInbound, type InboundDraft } from '../customers/inbound';
import { setMarketingPreference } from '../customers/preferences';
import { readNow } from '../status/pipeline';
import { MetaError } from '../graph/errors';
import {
  customerBehaviourSchema,
  faultSettingsSchema,
  limitSettingsSchema,
  reviewSettingsSchema,
  statusSettingsSchema,
  webhookSettingsSchema,
  type Settings,
  type SettingsInput,
} from '../settings';
import type { CustomerDef, MessagingTier, PhoneNumberDef, TemplateDef } from '../state/model';
import type { ConversationEntry, ReadReceipt, RequestLogEntry, SentMessage } from '../state/store';
import { applyDueScaling, portfolioOf } from '../limits/scaling';
import { paceTemplate, releaseDuePacing, releasePacing } from '../quality/pacing';
import { applyAccountUpdate } from '../quality/restrictions';
import { setTemplateStatus } from '../templates/service';
import {
  expirePauses,
  pauseTemplate,
  setTemplateCategory,
  setTemplateQuality,
  unpauseTemplate,
  type QualityScore,
  type TemplateCategory,
} from '../templates/lifecycle';
import {
  emitAccountUpdate,
  emitGroupEvent,
  emitMessagingLimitChange,
  emitPhoneNameUpdate,
  type AccountUpdateInput,
  type GroupEventInput,
  type NameDecision,
} from '../webhooks/account-events';
import { accountEnvelope } from '../webhooks/envelopes';
import type { DeliveryRecord } from '../webhooks/sender';
import { digitsOf } from '../state/model';

// The control & oracle API as a typed object: in-process tests call it directly and the
// /_sim/ routes are a thin HTTP skin over the same methods.

export interface MessageFilter {
  to?: string;
  waId?: string;
  /** A wa_id, the `to` as sent, or a business-scoped user id. */
  recipient?: string;
  bizOpaqueCallbackData?: string;
  status?: SentMessage['status'];
  phoneNumberId?: string;
  templateName?: string;
  type?: string;
  since?: number;
  limit?: number;
}

/** Which template a control call means: its id, or its name (and language). */
export interface TemplateRef {
  id?: string;
  name?: string;
  language?: string;
}

/** A message as the oracle lists it (the payload only on request). */
export type MessageRecord = Omit<SentMessage, 'payload'> & { payload?: SentMessage['payload'] };

/** The control surface of one running simulator. */
export class SimulatorControl {
  constructor(
    private readonly ctx: SimContext,
    private readonly initialSettings: Settings,
    private readonly initialTimeScale = 1,
  ) {}

  /** Every accepted message matching the filter, oldest first. */
  messages(filter: MessageFilter = {}, withPayload = false): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (const m of this.ctx.store.messages) {
      if (filter.to !== undefined && m.to !== filter.to) continue;
      if (filter.waId !== undefined && m.wa_id !== filter.waId) continue;
      if (
        filter.recipient !== undefined &&
        m.wa_id !== filter.recipient &&
        m.to !== filter.recipient &&
        m.user_id !== filter.recipient
      )
        continue;
      if (
        filter.bizOpaqueCallbackData !== undefined &&
        m.biz_opaque_callback_data !== filter.bizOpaqueCallbackData
      )
        continue;
      if (filter.status !== undefined && m.status !== filter.status) continue;
      if (filter.phoneNumberId !== undefined && m.phone_number_id !== filter.phoneNumberId)
        continue;
      if (filter.templateName !== undefined && m.template_name !== filter.templateName) continue;
      if (filter.type !== undefined && m.type !== filter.type) continue;
      if (filter.since !== undefined && m.received_at < filter.since) continue;
      if (withPayload) out.push(m);
      else {
        const { payload: _payload, ...rest } = m;
        out.push(rest);
      }
    }
    return filter.limit !== undefined ? out.slice(-filter.limit) : out;
  }

  /**
   * Accepted messages per wa_id (never truncated, unlike the message list); with a filter,
   * the counts of the matching stored messages instead.
   */
  counts(filter?: MessageFilter): { total: number; byRecipient: Record<string, number> } {
    let total = 0;
    const byRecipient: Record<string, number> = {};
    if (filter !== undefined) {
      for (const m of this.messages(filter)) {
        byRecipient[m.wa_id] = (byRecipient[m.wa_id] ?? 0) + 1;
        total += 1;
      }
      return { total, byRecipient };
    }
    for (const [waId, n] of this.ctx.store.countsByRecipient) {
      byRecipient[waId] = n;
      total += n;
    }
    return { total, byRecipient };
  }

  /** The last Graph requests received (method, path, status, error code). */
  requests(): RequestLogEntry[] {
    return [...this.ctx.store.requests];
  }

  /** Webhook deliveries and their attempts. */
  webhooks(): DeliveryRecord[] {
    return [...this.ctx.sender.log];
  }

  /** Current settings of every group. */
  settings(): Settings {
    return structuredClone(this.ctx.settings);
  }

  /** Changes settings group by group (only the keys given). */
  configure(input: SettingsInput): Settings {
    const s = this.ctx.settings;
    if (input.webhooks)
      s.webhooks = webhookSettingsSchema.parse({ ...s.webhooks, ...input.webhooks });
    if (input.faults) s.faults = faultSettingsSchema.parse({ ...s.faults, ...input.faults });
    if (input.limits) s.limits = limitSettingsSchema.parse({ ...s.limits, ...input.limits });
    if (input.statuses)
      s.statuses = statusSettingsSchema.parse({ ...s.statuses, ...input.statuses });
    if (input.review) s.review = reviewSettingsSchema.parse({ ...s.review, ...input.review });
    if (input.behaviour)
      s.behaviour = customerBehaviourSchema.parse({ ...s.behaviour, ...input.behaviour });
    return this.settings();
  }

  /** Where webhooks go from now on. */
  setWebhookUrl(url: string | undefined): void {
    this.ctx.webhookUrl = url;
  }

  /** Adds or replaces access tokens. */
  setTokens(tokens: AccessTokenDef[]): void {
    for (const t of tokens) this.ctx.tokens.set(t.token, t);
  }

  numbers(): PhoneNumberDef[] {
    return [...this.ctx.store.numbers.values()];
  }

  /** Adds a number or changes one; a quality change emits `phone_number_quality_update`. */
  upsertNumber(def: Partial<PhoneNumberDef> & { id: string }): PhoneNumberDef {
    if ((def.allowedRecipients?.length ?? 0) > 5)
      throw new MetaError(100, 'A test number allows at most 5 recipients');
    const existing = this.ctx.store.numbers.get(def.id);
    const next: PhoneNumberDef = {
      wabaId: this.ctx.store.waba.id,
      displayPhoneNumber: '+1 555-0199',
      verifiedName: 'Simulated Business',
      qualityRating: 'GREEN',
      throughputLevel: 'STANDARD',
      ...existing,
      ...def,
    };
    this.ctx.store.numbers.set(next.id, next);
    // Since October 2025 `phone_number_quality_update` reports throughput and messaging-limit
    // changes only; a quality rating change alone raises no event and there is no FLAGGED
    // state any more (Meta, phone_number_quality_update reference, updated 2026-05-21).
    if (
      existing !== undefined &&
      next.throughputLevel === 'HIGH' &&
      existing.throughputLevel !== 'HIGH'
    )
      this.emitQualityUpdate(next, 'THROUGHPUT_UPGRADE');
    return next;
  }

  /**
   * Changes the portfolio's messaging-limit tier: emits `phone_number_quality_update`
   * (UPGRADE/DOWNGRADE) and then `business_capability_update`.
   */
  setMessagingTier(tier: MessagingTier): void {
    const previous = this.ctx.store.waba.messagingLimitTier;
    this.ctx.store.waba.messagingLimitTier = tier;
    const first = this.numbers()[0];
    if (first !== undefined && previous !== tier)
      emitMessagingLimitChange(this.ctx, first, previous, tier);
  }

  /**
   * Emits `account_update` (ACCOUNT_RESTRICTION, ACCOUNT_VIOLATION, DISABLED_UPDATE,
   * VERIFIED_ACCOUNT…) and applies its effect: a restriction makes business-initiated sends
   * fail until it expires, a ban (DISABLE) stops every send, REINSTATE lifts it.
   */
  accountUpdate(input: AccountUpdateInput, wabaId = this.ctx.store.waba.id): object {
    const value = emitAccountUpdate(this.ctx, wabaId, input);
    applyAccountUpdate(this.ctx, wabaId, value);
    return value;
  }

  /** Puts a template under pacing: sends past `limits.pacingFreeSends` are held. */
  paceTemplate(ref: TemplateRef): TemplateDef {
    const tpl = this.template(ref);
    paceTemplate(tpl);
    return tpl;
  }

  /** Ends a template's quality assessment now; returns how many held messages it released. */
  releasePacing(ref: TemplateRef): number {
    return releasePacing(this.ctx, this.template(ref));
  }

  /** Unique users counted against the portfolio's messaging limit in the rolling 24 h. */
  portfolioUsage(): { tier: MessagingTier; used: number; pendingUpgradeAt?: number } {
    const now = this.ctx.clock.now();
    const pending = this.ctx.store.pendingUpgradeAt;
    return {
      tier: this.ctx.store.waba.messagingLimitTier,
      used: this.ctx.limiter.uniqueCount(portfolioOf(this.ctx), now),
      ...(pending !== undefined ? { pendingUpgradeAt: pending } : {}),
    };
  }

  /** Read receipts and typing indicators the business sent, oldest first. */
  readReceipts(filter: { waId?: string; messageId?: string } = {}): ReadReceipt[] {
    return this.ctx.store.readReceipts.filter(
      (r) =>
        (filter.waId === undefined || r.wa_id === filter.waId) &&
        (filter.messageId === undefined || r.message_id === filter.messageId),
    );
  }

  /** A display-name review outcome for a number (`phone_number_name_update`). */
  phoneNameUpdate(phoneNumberId: string, decision: NameDecision): object {
    const phone = this.ctx.store.numbers.get(phoneNumberId);
    if (phone === undefined) throw new MetaError(100, `unknown phone number ${phoneNumberId}`);
    return emitPhoneNameUpdate(this.ctx, phone, decision);
  }

  /** A `group_*` webhook (group_lifecycle_update, group_settings_update, group_participants_update). */
  groupEvent(field: string, group: GroupEventInput, phoneNumberId?: string): object {
    const phone =
      phoneNumberId !== undefined ? this.ctx.store.numbers.get(phoneNumberId) : this.numbers()[0];
    if (phone === undefined)
      throw new MetaError(100, `unknown phone number ${phoneNumberId ?? ''}`);
    return emitGroupEvent(this.ctx, phone, field, group);
  }

  private emitQualityUpdate(phone: PhoneNumberDef, event: string): void {
    const tier = this.ctx.store.waba.messagingLimitTier;
    this.ctx.sender.send(
      phone.wabaId,
      accountEnvelope(
        phone.wabaId,
        'phone_number_quality_update',
        {
          display_phone_number: digitsOf(phone.displayPhoneNumber),
          event,
          current_limit: tier,
          max_daily_conversations_per_business: tier,
        },
        this.ctx.clock.now(),
      ),
      'phone_number_quality_update',
    );
  }

  templates(): TemplateDef[] {
    return [...this.ctx.store.templates.values()];
  }

  /** Stores a template directly (no review), e.g. to seed a test. */
  upsertTemplate(def: TemplateDef): TemplateDef {
    this.ctx.store.templates.set(def.id, structuredClone(def));
    return def;
  }

  /** Moves a template (by id or name+language) to a status and emits the webhook. */
  setTemplateStatus(ref: TemplateRef, status: string, reason?: string): TemplateDef {
    const tpl = this.template(ref);
    setTemplateStatus(this.ctx, tpl, status, reason);
    return tpl;
  }

  /** New quality score → `message_template_quality_update`; RED also pauses unless `pause: false`. */
  setTemplateQuality(
    ref: TemplateRef,
    score: QualityScore,
    options?: { pause?: boolean },
  ): TemplateDef {
    const tpl = this.template(ref);
    setTemplateQuality(this.ctx, tpl, score, options);
    return tpl;
  }

  /** Recategorises a template (or announces it 24 h ahead) → `template_category_update`. */
  setTemplateCategory(
    ref: TemplateRef,
    category: TemplateCategory,
    options?: { impending?: boolean },
  ): TemplateDef {
    const tpl = this.template(ref);
    setTemplateCategory(this.ctx, tpl, category, options);
    return tpl;
  }

  /** Pauses a template (PAUSED FIRST_PAUSE / SECOND_PAUSE; the third time DISABLED). */
  pauseTemplate(ref: TemplateRef): TemplateDef {
    const tpl = this.template(ref);
    pauseTemplate(this.ctx, tpl);
    return tpl;
  }

  /** Ends a pause (APPROVED with `other_info.title` UNPAUSE). */
  unpauseTemplate(ref: TemplateRef): TemplateDef {
    const tpl = this.template(ref);
    unpauseTemplate(this.ctx, tpl);
    return tpl;
  }

  private template(ref: TemplateRef): TemplateDef {
    const tpl =
      ref.id !== undefined
        ? this.ctx.store.templates.get(ref.id)
        : this.templates().find(
            (t) =>
              t.name === ref.name && (ref.language === undefined || t.language === ref.language),
          );
    if (tpl === undefined) throw new MetaError(100, 'template not found');
    return tpl;
  }

  /** Simulated now of the clock behind media expiry and management budgets. */
  clockNow(): number {
    return this.ctx.clock.now();
  }

  /**
   * Moves the simulated clock forward: the 24 h service window, the rolling messaging limit,
   * the pair-rate refill, the per-user marketing cap, media and media-URL expiry, template
   * pauses and pacing holds all follow it (throughput stays on real time).
   */
  advanceClock(ms: number): number {
    this.ctx.clock.advance(ms);
    expirePauses(this.ctx);
    releaseDuePacing(this.ctx);
    applyDueScaling(this.ctx);
    return this.ctx.clock.now();
  }

  /**
   * Sets the simulated clock to `at` (backwards too) and runs it on from there: demo mode lives
   * its sample past at that moment, statuses and customer messages stamped with it. Pauses,
   * pacing holds and scaling due by then apply, as with `advanceClock`.
   */
  setClock(at: number): number {
    this.ctx.clock.travelTo(at);
    expirePauses(this.ctx);
    releaseDuePacing(this.ctx);
    applyDueScaling(this.ctx);
    return this.ctx.clock.now();
  }

  /** Simulated seconds per real second of that clock. */
  setTimeScale(scale: number): void {
    this.ctx.clock.setScale(scale);
  }

  /**
   * Stores a media item under a given id, as if the business had uploaded it (e.g. the ids of
   * the spec's examples); it lives 30 simulated days like an upload.
   */
  addMedia(id: string, mimeType: string, bytes = Buffer.from(`media ${id}`)): void {
    const now = this.ctx.clock.now();
    this.ctx.store.media.set(id, {
      id,
      phoneNumberId: this.numbers()[0]?.id ?? '',
      mimeType,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('base64'),
      createdAt: now,
      expiresAt: now + UPLOADED_MEDIA_TTL_MS,
    });
  }

  customers(): CustomerDef[] {
    return [...this.ctx.store.customers.values()];
  }

  upsertCustomer(def: CustomerDef): CustomerDef {
    const next = { ...this.ctx.store.customers.get(def.waId), ...def };
    this.ctx.store.customers.set(def.waId, next);
    return next;
  }

  /** A customer writes to a business number (the first one unless given). */
  inbound(waId: string, draft: InboundDraft, phoneNumberId?: string): WebhookInboundMessage {
    const phone =
      phoneNumberId !== undefined ? this.ctx.store.numbers.get(phoneNumberId) : this.numbers()[0];
    if (phone === undefined)
      throw new MetaError(100, `unknown phone number ${phoneNumberId ?? ''}`);
    return deliverInbound(this.ctx, phone, waId, draft);
  }

  /** The customer stops or resumes marketing messages (user_preferences webhook). */
  setMarketingPreference(waId: string, value: 'stop' | 'resume', phoneNumberId?: string): void {
    const phone =
      phoneNumberId !== undefined ? this.ctx.store.numbers.get(phoneNumberId) : this.numbers()[0];
    if (phone === undefined)
      throw new MetaError(100, `unknown phone number ${phoneNumberId ?? ''}`);
    setMarketingPreference(this.ctx, phone, waId, value);
  }

  /**
   * The customer reads a business message now: its `read` status at the simulated now, then
   * whatever the customer does after reading (a reply at `behaviour.replyRate`). Demo mode
   * spreads its past's reads over hours this way. True when this call made it read; false
   * for a message already read. A failed message, or one not delivered yet, cannot be read.
   */
  readMessage(messageId: string): boolean {
    const msg = this.ctx.store.messagesById.get(messageId);
    if (msg === undefined) throw new MetaError(100, `unknown message ${messageId}`);
    if (msg.status === 'read' || msg.status === 'played') return false;
    if (msg.status !== 'delivered')
      throw new MetaError(100, `message ${messageId} is ${msg.status}, not delivered`);
    const phone = this.ctx.store.numbers.get(msg.phone_number_id);
    if (phone === undefined)
      throw new MetaError(100, `unknown phone number ${msg.phone_number_id}`);
    readNow(this.ctx, phone, msg);
    return true;
  }

  /** A customer's chat as the customer phone page shows it. */
  conversation(waId: string): ConversationEntry[] {
    const statusOf = (id: string): string | undefined =>
      this.ctx.store.messagesById.get(id)?.status;
    return (this.ctx.store.conversations.get(waId) ?? []).map((e) =>
      e.direction === 'outbound' ? { ...e, status: statusOf(e.id) ?? e.status } : e,
    );
  }

  /** Sends batched statuses now and waits until every scheduled status and webhook is done. */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.ctx.scheduler.size() === 0) {
        this.ctx.sender.flushAll();
        await this.ctx.sender.idle();
        if (this.ctx.scheduler.size() === 0) return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('simulator flush timed out');
  }

  /** Back to the seed and the start-up settings; logs and limits cleared. */
  reset(): void {
    this.ctx.scheduler.clear();
    this.ctx.sender.reset();
    this.ctx.limiter.reset();
    this.ctx.management.reset();
    this.ctx.clock.reset(this.initialTimeScale);
    this.ctx.store.reset();
    this.ctx.settings = structuredClone(this.initialSettings);
  }
}
