import { z } from 'zod';
import type { WhatsAppDeps } from './accounts.deps';
import * as repo from './accounts.repo';
import { inTransaction, type Executor } from '../../db/executor';
import type { EventBus } from '../../events/bus';
import {
  applyNumberEvent,
  applyTier,
  findNumberByDisplay,
  phoneNumberQualityValueSchema,
  recordHealthChange,
} from './accounts.health';
import './accounts.events';

/** `account_update` (NOTES.md §3.7): restrictions, violations, bans, offboarding, pricing tiers. */
const accountUpdateValueSchema = z.looseObject({
  event: z.string(),
  restriction_info: z
    .array(
      z.looseObject({ restriction_type: z.string().optional(), expiration: z.number().optional() }),
    )
    .optional(),
  violation_info: z.looseObject({ violation_type: z.string().optional() }).optional(),
  ban_info: z
    .looseObject({ waba_ban_state: z.string().optional(), waba_ban_date: z.string().optional() })
    .optional(),
});

/**
 * `business_capability_update`: Meta announces messaging-limit changes here since the limit
 * moved to the business portfolio (NOTES.md §6.2); older payloads carry a number per phone.
 */
const capabilityValueSchema = z.looseObject({
  max_daily_conversations_per_business: z.string().optional(),
  max_daily_conversation_per_phone: z.number().optional(),
  max_phone_numbers_per_business: z.number().optional(),
});

/**
 * `max_daily_conversation_per_phone` (a deprecated count) expressed as one of the tiers Meta
 * applies since October 2025: 250, 2K, 10K, 100K, unlimited. The old 1K level became 2K (the
 * first automatic step is 2,000 now) and nothing is below 250 (Meta's messaging-limits page).
 */
export function tierOfCount(count: number): string {
  if (count < 0) return 'TIER_UNLIMITED';
  if (count >= 100_000) return 'TIER_100K';
  if (count >= 10_000) return 'TIER_10K';
  if (count >= 1_000) return 'TIER_2K';
  return 'TIER_250';
}

// Events of `account_update` that block or threaten sending: shown as alerts.
const severeAccountEvents = new Set([
  'ACCOUNT_RESTRICTION',
  'ACCOUNT_VIOLATION',
  'DISABLED_UPDATE',
  'ACCOUNT_DELETED',
  'ACCOUNT_OFFBOARDED',
]);

// Deliveries come in bursts; writing the "last received" time more than once every
// two seconds per account would cost a write per webhook for nothing visible.
const NOTE_INTERVAL_MS = 2_000;

/** What follows a number's quality or limit event, in its transaction (outgoing webhooks). */
export type NumberQualityHandler = (
  ex: Executor,
  change: { phoneNumber: string | null; event: string; currentLimit: string | null },
) => Promise<void>;

/** The handlers the webhook receiver calls for account-level fields. */
export function createAccountWebhookHandlers(
  deps: WhatsAppDeps,
  hooks: { refreshAccount(accountId: string): Promise<void> },
) {
  const lastNoted = new Map<string, number>();
  const qualityHandlers: NumberQualityHandler[] = [];

  async function accountOf(wabaId: string): Promise<repo.AccountRow | undefined> {
    const account = await repo.findAccountRowByWabaId(deps.db, wabaId);
    if (account === undefined) deps.logger.warn({ wabaId }, 'webhook for an unknown WABA ignored');
    return account;
  }

  /** Re-reads the account's numbers soon, outside the webhook's own processing. */
  function refreshSoon(accountId: string): void {
    if (deps.background.isClosed) return;
    deps.background.run('accounts:refresh-after-webhook', () => hooks.refreshAccount(accountId));
  }

  return {
    /** Registers what follows a number's quality event (module factories, once). */
    onNumberQuality(handler: NumberQualityHandler): void {
      if (!qualityHandlers.includes(handler)) qualityHandlers.push(handler);
    },

    /** Records that a verified webhook arrived for the account (shown live in Settings). */
    async noteWebhookReceived(accountId: string, at: number): Promise<void> {
      const key = `r:${accountId}`;
      if (at - (lastNoted.get(key) ?? 0) < NOTE_INTERVAL_MS) return;
      lastNoted.set(key, at);
      await repo.upsertWebhookHealthRow(deps.db, accountId, { lastReceivedAt: at });
      deps.bus.publish('accounts.webhook', { accountId, kind: 'received', at });
    },

    /** Records a delivery whose signature did not verify; null when no account matched. */
    async noteSignatureFailure(accountId: string | null, at: number): Promise<void> {
      await repo.upsertWebhookHealthRow(deps.db, accountId ?? 'unknown', {
        lastSignatureFailureAt: at,
      });
      deps.bus.publish('accounts.webhook', { accountId, kind: 'signature_failure', at });
    },

    /** Applies a `phone_number_quality_update` change (tier, throughput, flags). */
    async applyPhoneNumberQualityUpdate(wabaId: string, value: unknown): Promise<void> {
      const account = await accountOf(wabaId);
      if (account === undefined) return;
      const v = phoneNumberQualityValueSchema.parse(value);
      const number = await findNumberByDisplay(deps, account.id, v.display_phone_number);
      // `current_limit` is being removed in favour of `max_daily_conversations_per_business` (D7).
      const tier = v.max_daily_conversations_per_business ?? v.current_limit;
      // The health records and the outgoing webhook's outbox row commit together; live
      // notifications wait for the commit.
      const held: (() => void)[] = [];
      await inTransaction(deps.db, async (tx) => {
        const bus = Object.create(deps.bus) as EventBus;
        bus.publish = ((name, payload) => {
          held.push(() => deps.bus.publish(name, payload));
        }) as EventBus['publish'];
        const inTx: WhatsAppDeps = { ...deps, db: tx, bus };
        if (tier !== undefined && tier !== 'TIER_NOT_SET')
          await applyTier(inTx, account, tier, 'webhook');
        await applyNumberEvent(inTx, account, number, v.event, v.display_phone_number);
        const change = {
          phoneNumber: v.display_phone_number,
          event: v.event,
          currentLimit: tier ?? null,
        };
        for (const handler of qualityHandlers) await handler(tx, change);
      });
      for (const publish of held) publish();
      refreshSoon(account.id);
    },

    /** Applies an `account_update` change: stores the restriction and raises an alert. */
    async applyAccountUpdate(wabaId: string, value: unknown): Promise<void> {
      const account = await accountOf(wabaId);
      if (account === undefined) return;
      const v = accountUpdateValueSchema.parse(value);
      const detail =
        v.restriction_info?.map((r) => r.restriction_type).join(', ') ??
        v.violation_info?.violation_type ??
        v.ban_info?.waba_ban_state ??
        null;
      const severe = severeAccountEvents.has(v.event) && v.ban_info?.waba_ban_state !== 'REINSTATE';
      if (severe) {
        await repo.updateAccountRow(deps.db, account.id, {
          restriction: JSON.stringify({ event: v.event, detail }),
          updatedAt: deps.clock.now(),
        });
      } else if (v.event === 'ACCOUNT_RECONNECTED' || v.ban_info?.waba_ban_state === 'REINSTATE') {
        await repo.updateAccountRow(deps.db, account.id, {
          restriction: null,
          updatedAt: deps.clock.now(),
        });
      }
      await recordHealthChange(deps, {
        account,
        phoneNumberId: null,
        kind: 'account',
        previousValue: null,
        newValue: v.event,
        severity: severe ? 'critical' : 'info',
        source: 'webhook',
        message: `Meta reported ${v.event}${detail === null ? '' : ` (${detail})`} for ${account.name}.`,
      });
    },

    /** Applies a `business_capability_update` change: the portfolio messaging limit. */
    async applyBusinessCapabilityUpdate(wabaId: string, value: unknown): Promise<void> {
      const account = await accountOf(wabaId);
      if (account === undefined) return;
      const v = capabilityValueSchema.parse(value);
      const tier =
        v.max_daily_conversations_per_business ??
        (v.max_daily_conversation_per_phone === undefined
          ? undefined
          : tierOfCount(v.max_daily_conversation_per_phone));
      if (tier !== undefined) await applyTier(deps, account, tier, 'webhook');
    },
  };
}

export type AccountWebhookHandlers = ReturnType<typeof createAccountWebhookHandlers>;
