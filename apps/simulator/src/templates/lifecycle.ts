import type { SimContext } from '../context';
import type { TemplateDef } from '../state/model';
import { accountEnvelope } from '../webhooks/envelopes';
import { setTemplateStatus } from './service';

// Template events Meta raises on its own (NOTES §3.7, §4.3): quality changes, category
// changes and template pausing (RED quality → paused 3 h, then 6 h, the third time disabled).

export type QualityScore = NonNullable<TemplateDef['qualityScore']>;
export type TemplateCategory = TemplateDef['category'];

const DAY_S = 24 * 3600;

function templateKeys(tpl: TemplateDef): Record<string, unknown> {
  return {
    // A number in these webhooks, a string everywhere else (NOTES §8).
    message_template_id: Number(tpl.id),
    message_template_name: tpl.name,
    message_template_language: tpl.language,
  };
}

/** Changes the quality score and emits `message_template_quality_update`; RED pauses by default. */
export function setTemplateQuality(
  ctx: SimContext,
  tpl: TemplateDef,
  score: QualityScore,
  options: { pause?: boolean } = {},
): void {
  const previous = tpl.qualityScore ?? 'UNKNOWN';
  tpl.qualityScore = score;
  ctx.sender.send(
    tpl.wabaId,
    accountEnvelope(tpl.wabaId, 'message_template_quality_update', {
      previous_quality_score: previous,
      new_quality_score: score,
      ...templateKeys(tpl),
    }),
    'message_template_quality_update',
  );
  if (score === 'RED' && options.pause !== false && tpl.status === 'APPROVED') {
    pauseTemplate(ctx, tpl);
  }
}

/** Pauses an approved template (FIRST_PAUSE, SECOND_PAUSE); the third time disables it. */
export function pauseTemplate(ctx: SimContext, tpl: TemplateDef): void {
  if ((tpl.pauseCount ?? 0) >= 2) setTemplateStatus(ctx, tpl, 'DISABLED');
  else setTemplateStatus(ctx, tpl, 'PAUSED');
}

/** Unpauses every template whose pause has run out on the simulated clock. */
export function expirePauses(ctx: SimContext): void {
  const now = ctx.clock.now();
  for (const tpl of ctx.store.templates.values()) {
    if (tpl.status === 'PAUSED' && tpl.pausedUntil !== undefined && tpl.pausedUntil <= now)
      unpauseTemplate(ctx, tpl);
  }
}

/** Ends a pause: the template is APPROVED again (`other_info.title` UNPAUSE). */
export function unpauseTemplate(ctx: SimContext, tpl: TemplateDef): void {
  setTemplateStatus(ctx, tpl, 'APPROVED', 'NONE', {
    title: 'UNPAUSE',
    description: 'Your WhatsApp message template has been unpaused.',
  });
}

/**
 * Emits `template_category_update`. `impending`: Meta announces a recategorisation 24 h
 * ahead (`new_category` is then the current one, `correct_category` the coming one);
 * otherwise the category changes now (`previous_category` → `new_category`).
 */
export function setTemplateCategory(
  ctx: SimContext,
  tpl: TemplateDef,
  category: TemplateCategory,
  options: { impending?: boolean } = {},
): void {
  const value =
    options.impending === true
      ? {
          ...templateKeys(tpl),
          new_category: tpl.category,
          correct_category: category,
          category_update_timestamp: Math.floor(Date.now() / 1000) + DAY_S,
        }
      : { ...templateKeys(tpl), previous_category: tpl.category, new_category: category };
  if (options.impending !== true) tpl.category = category;
  ctx.sender.send(
    tpl.wabaId,
    accountEnvelope(tpl.wabaId, 'template_category_update', value),
    'template_category_update',
  );
}
