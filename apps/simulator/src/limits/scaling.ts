import type { SimContext } from '../context';
import { messagingTiers, tierSize } from '../state/model';
import { emitMessagingLimitChange } from '../webhooks/account-events';

// Automatic scaling of the portfolio's messaging limit (Meta "Messaging limits", automatic
// scaling, since 2025-10-07): when the portfolio has delivered to at least half of its current
// limit in unique users over the last 7 days, with no number of low quality, the next tier
// applies within 6 hours (was 24 h before October 2025), announced by
// `phone_number_quality_update` (UPGRADE) and `business_capability_update`.

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The portfolio whose messaging limit every number of this simulator shares. */
export function portfolioOf(ctx: SimContext): string {
  return `portfolio:${ctx.store.waba.id}`;
}

/** Called after a counted delivery: schedules an upgrade when the criteria hold. */
export function considerScaling(ctx: SimContext, now: number): void {
  applyDueScaling(ctx);
  const s = ctx.settings.limits;
  const tier = ctx.store.waba.messagingLimitTier;
  if (!s.autoScaling || tier === 'TIER_UNLIMITED' || ctx.store.pendingUpgradeAt !== undefined)
    return;
  const lowQuality = [...ctx.store.numbers.values()].some((n) => n.qualityRating === 'RED');
  if (lowQuality) return;
  const used = ctx.limiter.uniqueSince(portfolioOf(ctx), now - WEEK_MS);
  if (used * 2 >= tierSize[tier]) ctx.store.pendingUpgradeAt = now + s.autoScaleDelayMs;
}

/** Applies a scheduled upgrade whose time has come on the simulated clock. */
export function applyDueScaling(ctx: SimContext): void {
  const at = ctx.store.pendingUpgradeAt;
  if (at === undefined || ctx.clock.now() < at) return;
  ctx.store.pendingUpgradeAt = undefined;
  const previous = ctx.store.waba.messagingLimitTier;
  const next = messagingTiers[messagingTiers.indexOf(previous) + 1];
  if (next === undefined) return;
  ctx.store.waba.messagingLimitTier = next;
  const first = ctx.store.numbers.values().next().value;
  if (first !== undefined) emitMessagingLimitChange(ctx, first, previous, next);
}
