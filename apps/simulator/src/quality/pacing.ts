import type { SimContext } from '../context';
import { phoneById } from '../context';
import type { TemplateDef } from '../state/model';
import { scheduleStatuses } from '../status/pipeline';

// Template pacing (Meta, "Template pacing"; NOTES §1.3, §6.4): a new or newly unpaused
// marketing template is sent to a first batch of users while Meta watches their feedback; the
// rest are accepted with `message_status: "held_for_quality_assessment"` and delivered once the
// assessment ends well. If the template is paused meanwhile, the held messages are dropped and
// fail with 132015 (template paused). The hold runs on the simulated clock.

/** Puts a template under pacing (its next sends past `pacingFreeSends` are held). */
export function paceTemplate(tpl: TemplateDef): void {
  tpl.pacing = { sends: 0 };
}

/** Counts a send of a paced template; true when this one is held. */
export function isPaced(ctx: SimContext, tpl: TemplateDef, now: number): boolean {
  const pacing = tpl.pacing;
  if (pacing === undefined) return false;
  if (pacing.holdUntil !== undefined && now >= pacing.holdUntil) {
    releasePacing(ctx, tpl);
    return false;
  }
  pacing.sends += 1;
  if (pacing.sends <= ctx.settings.limits.pacingFreeSends) return false;
  pacing.holdUntil ??= now + ctx.settings.limits.pacingHoldMs;
  return true;
}

/** Ends the assessment of a template: held messages go out, or fail if it was paused. */
export function releasePacing(ctx: SimContext, tpl: TemplateDef): number {
  delete tpl.pacing;
  const held = ctx.store.held.get(tpl.id) ?? [];
  ctx.store.held.delete(tpl.id);
  const failed = tpl.status === 'PAUSED' || tpl.status === 'DISABLED';
  for (const msg of held) {
    const phone = phoneById(ctx, msg.phone_number_id);
    if (phone === undefined) continue;
    delete msg.held;
    scheduleStatuses(ctx, phone, msg, failed ? 132015 : undefined);
  }
  return held.length;
}

/** Releases every template whose hold has elapsed on the simulated clock. */
export function releaseDuePacing(ctx: SimContext): void {
  if (ctx.store.held.size === 0) return;
  const now = ctx.clock.now();
  for (const tpl of ctx.store.templates.values()) {
    if (tpl.pacing?.holdUntil !== undefined && now >= tpl.pacing.holdUntil) releasePacing(ctx, tpl);
  }
}
