import {
  createTemplateRequestSchema,
  type Template,
  type TemplateComponent,
} from '@kiana/contracts';
import type { SimContext } from '../context';
import { MetaError } from '../graph/errors';
import { checkMediaHeaderExample } from '../graph/upload-handles';
import { newGraphId } from '../state/ids';
import type { TemplateDef } from '../state/model';
import { accountEnvelope } from '../webhooks/envelopes';
import { variablesIn } from './variables';
import { paceTemplate } from '../quality/pacing';

// Template management (NOTES §4): create → PENDING → review after a delay by rules the tests
// set → APPROVED/REJECTED with a message_template_status_update webhook.

/** The Graph representation of a stored template. */
export function toGraphTemplate(t: TemplateDef): Template {
  return {
    name: t.name,
    parameter_format: t.parameterFormat,
    components: t.components,
    language: t.language,
    status: t.status as Template['status'],
    category: t.category,
    id: t.id,
    ...(t.rejectedReason !== undefined ? { rejected_reason: t.rejectedReason } : {}),
    ...(t.qualityScore !== undefined ? { quality_score: { score: t.qualityScore } } : {}),
  };
}

/** Validates and stores a new template (PENDING) and schedules its review. */
export function createTemplate(ctx: SimContext, wabaId: string, raw: unknown): TemplateDef {
  const parsed = createTemplateRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MetaError(100, `${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const req = parsed.data;
  if (ctx.store.findTemplate(wabaId, req.name, req.language) !== undefined) {
    // Meta: "Content in this language already exists" (subcode 2388024).
    throw new MetaError(
      100,
      `Content in this language already exists: ${req.name} (${req.language})`,
      2388024,
    );
  }
  const format = req.parameter_format ?? 'POSITIONAL';
  checkComponents(req.components, format);
  checkMediaHeaderExample(ctx, req.components);
  const tpl: TemplateDef = {
    id: newGraphId(),
    wabaId,
    name: req.name,
    language: req.language,
    category: req.category,
    status: 'PENDING',
    parameterFormat: format,
    components: req.components,
  };
  ctx.store.templates.set(tpl.id, tpl);
  scheduleReview(ctx, tpl);
  return tpl;
}

function checkComponents(components: TemplateComponent[], format: string): void {
  if (!components.some((c) => c.type === 'BODY'))
    throw new MetaError(100, 'components: a BODY component is required');
  for (const c of components) {
    const names = variablesIn(c.text);
    const positional = names.every((n) => /^\d+$/.test(n));
    if (names.length > 0 && positional !== (format === 'POSITIONAL')) {
      throw new MetaError(
        100,
        `${c.type}: ${format} templates cannot use ${positional ? 'positional' : 'named'} variables`,
      );
    }
  }
}

const editable = new Set(['APPROVED', 'REJECTED', 'PAUSED']);
const DAY_MS = 24 * 3600 * 1000;

/**
 * `POST /{template-id}`: replaces components and/or category; the template goes back to
 * review (PENDING → APPROVED/REJECTED with a webhook). Meta's rules: only APPROVED, REJECTED
 * or PAUSED templates; an APPROVED one at most once per 24 h and 10 times per 30 days, and
 * never its category; REJECTED and PAUSED ones without limit.
 */
export function editTemplate(ctx: SimContext, tpl: TemplateDef, raw: unknown): void {
  const body = (raw ?? {}) as { components?: unknown; category?: unknown };
  const parsed = createTemplateRequestSchema
    .pick({ components: true, category: true })
    .partial()
    .safeParse({ components: body.components, category: body.category });
  if (!parsed.success)
    throw new MetaError(100, parsed.error.issues[0]?.message ?? 'invalid template edit');
  const { components, category } = parsed.data;
  if (components === undefined && category === undefined)
    throw new MetaError(100, 'Nothing to edit: give components and/or category');
  if (!editable.has(tpl.status))
    throw new MetaError(100, `A ${tpl.status} template cannot be edited`);
  if (components !== undefined) {
    checkComponents(components, tpl.parameterFormat);
    checkMediaHeaderExample(ctx, components);
  }
  if (tpl.status === 'APPROVED') {
    if (category !== undefined && category !== tpl.category)
      throw new MetaError(100, 'The category of an approved template cannot be edited');
    const now = ctx.clock.now();
    const recent = (tpl.approvedEdits ?? []).filter((t) => now - t < 30 * DAY_MS);
    if (recent.some((t) => now - t < DAY_MS) || recent.length >= 10) {
      throw new MetaError(
        100,
        'An approved template can be edited once per 24 hours and 10 times per 30 days',
      );
    }
    tpl.approvedEdits = [...recent, now];
  }
  if (components !== undefined) tpl.components = components;
  if (category !== undefined) tpl.category = category;
  tpl.status = 'PENDING';
  delete tpl.rejectedReason;
  scheduleReview(ctx, tpl);
}

function scheduleReview(ctx: SimContext, tpl: TemplateDef): void {
  const review = ctx.settings.review;
  setTimeout(() => {
    if (ctx.store.templates.get(tpl.id) !== tpl || tpl.status !== 'PENDING') return;
    const rule = review.rules.find((r) => new RegExp(r.namePattern).test(tpl.name));
    const outcome = rule?.outcome ?? review.defaultOutcome;
    setTemplateStatus(
      ctx,
      tpl,
      outcome,
      outcome === 'REJECTED' ? (rule?.reason ?? 'INVALID_FORMAT') : 'NONE',
    );
  }, review.delayMs).unref();
}

const pauseTitles = ['FIRST_PAUSE', 'SECOND_PAUSE'];

/**
 * Moves a template to `status` and emits `message_template_status_update` (NOTES §3.7).
 * PAUSED carries `other_info` FIRST_PAUSE / SECOND_PAUSE (reason NONE: "template was
 * paused"), DISABLED carries `disable_info` and `other_info` DISABLED; `otherInfo` overrides.
 */
export function setTemplateStatus(
  ctx: SimContext,
  tpl: TemplateDef,
  status: string,
  reason = 'NONE',
  otherInfo?: { title: string; description: string },
): void {
  // A new MARKETING template leaving review is paced (Meta "Template pacing"): its first sends
  // go out, the rest are held for quality assessment (quality/pacing.ts).
  if (status === 'APPROVED' && tpl.status === 'PENDING' && tpl.category === 'MARKETING')
    paceTemplate(tpl);
  tpl.status = status;
  if (status === 'REJECTED') tpl.rejectedReason = reason;
  if (status !== 'PAUSED') delete tpl.pausedUntil;
  let other = otherInfo;
  if (status === 'PAUSED') {
    tpl.pauseCount = (tpl.pauseCount ?? 0) + 1;
    const hours = tpl.pauseCount === 1 ? 3 : 6;
    tpl.pausedUntil = ctx.clock.now() + hours * 3600 * 1000;
    other ??= {
      title: pauseTitles[tpl.pauseCount - 1] ?? 'SECOND_PAUSE',
      description: `Your WhatsApp message template has been paused for ${hours} hours because of low quality.`,
    };
  } else if (status === 'DISABLED') {
    other ??= {
      title: 'DISABLED',
      description:
        'Your WhatsApp message template has been disabled because of repeated low quality.',
    };
  }
  ctx.sender.send(
    tpl.wabaId,
    accountEnvelope(tpl.wabaId, 'message_template_status_update', {
      event: status,
      // The template id is a number in this webhook, a string everywhere else (NOTES §8).
      message_template_id: Number(tpl.id),
      message_template_name: tpl.name,
      message_template_language: tpl.language,
      reason,
      message_template_category: tpl.category,
      // disable_date is a unix timestamp (integer) in Meta's reference.
      ...(status === 'DISABLED'
        ? { disable_info: { disable_date: Math.floor(ctx.clock.now() / 1000) } }
        : {}),
      ...(other !== undefined ? { other_info: other } : {}),
      ...(status === 'REJECTED' && reason === 'INVALID_FORMAT'
        ? {
            rejection_info: {
              reason:
                'Your template has parameters placed next to each other without text between them.',
              recommendation: 'Separate parameters with descriptive text.',
            },
          }
        : {}),
    }),
    'message_template_status_update',
  );
}

/** Deletes by name (every language) or by `hsm_id` (one language); throws 100 when nothing matches. */
export function deleteTemplates(
  ctx: SimContext,
  wabaId: string,
  name?: string,
  hsmId?: string,
): number {
  let deleted = 0;
  for (const t of [...ctx.store.templates.values()]) {
    if (t.wabaId !== wabaId) continue;
    if (
      (hsmId !== undefined && t.id === hsmId) ||
      (hsmId === undefined && name !== undefined && t.name === name)
    ) {
      ctx.store.templates.delete(t.id);
      deleted += 1;
    }
  }
  if (deleted === 0)
    throw new MetaError(100, `Message template not found: ${name ?? hsmId ?? '(no name)'}`);
  return deleted;
}
