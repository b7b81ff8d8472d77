import { z } from 'zod';
import type { WhatsAppDeps } from '../accounts/accounts.deps';
import type { AccountsService } from '../accounts/accounts.service';
import * as repo from './templates.repo';
import { inTransaction, type Executor } from '../../db/executor';
import './templates.events';

// Template webhooks (NOTES.md §3.7). `message_template_id` is a number in these payloads
// (a string everywhere else), so it is compared as a string.
const templateRef = {
  message_template_id: z.union([z.number(), z.string()]).transform(String),
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
};
const statusValueSchema = z.looseObject({
  ...templateRef,
  event: z.string(),
  reason: z.string().nullable().optional(),
  rejection_info: z
    .looseObject({ reason: z.string().optional(), recommendation: z.string().optional() })
    .optional(),
  message_template_category: z.string().optional(),
});
const qualityValueSchema = z.looseObject({
  ...templateRef,
  previous_quality_score: z.string().optional(),
  new_quality_score: z.string(),
});
const categoryValueSchema = z.looseObject({
  ...templateRef,
  previous_category: z.string().optional(),
  new_category: z.string(),
});

// Events that name a state the template returns to rather than a status of their own.
const statusOfEvent: Record<string, string> = {
  REINSTATED: 'APPROVED',
  UNARCHIVED: 'APPROVED',
  UNLOCKED: 'APPROVED',
};

interface Hooks {
  accounts: AccountsService;
  recordEvent(
    ex: Executor,
    row: repo.TemplateRow,
    kind: string,
    prev: string | null,
    next: string | null,
    source: string,
    reason?: string | null,
  ): Promise<void>;
  resync(accountId: string): Promise<void>;
}

/** What follows a template's status change, in its transaction (outgoing webhooks). */
export type TemplateStatusHandler = (
  ex: Executor,
  change: { templateName: string; language: string; status: string; reason: string | null },
) => Promise<void>;

/** The handlers the webhook receiver calls for template fields. */
export function createTemplateWebhookHandlers(deps: WhatsAppDeps, hooks: Hooks) {
  const statusHandlers: TemplateStatusHandler[] = [];
  async function find(
    wabaId: string,
    ref: {
      message_template_id: string;
      message_template_name?: string | undefined;
      message_template_language?: string | undefined;
    },
  ): Promise<repo.TemplateRow | undefined> {
    const account = await hooks.accounts.findAccountByWabaId(wabaId);
    if (account === undefined) {
      deps.logger.warn({ wabaId }, 'template webhook for an unknown WABA ignored');
      return undefined;
    }
    const row =
      (await repo.findTemplateRowByMetaId(deps.db, account.id, ref.message_template_id)) ??
      (ref.message_template_name !== undefined && ref.message_template_language !== undefined
        ? await repo.findTemplateRowByName(
            deps.db,
            account.id,
            ref.message_template_name,
            ref.message_template_language,
          )
        : undefined);
    if (row === undefined && !deps.background.isClosed) {
      // A template created outside the panel (WhatsApp Manager): mirror the account again.
      deps.background.run('templates:resync-after-webhook', () => hooks.resync(account.id));
    }
    return row;
  }

  function publish(
    row: repo.TemplateRow,
    change: 'status' | 'quality' | 'category',
    status: string,
  ): void {
    deps.bus.publish('templates.changed', {
      accountId: row.accountId,
      templateId: row.id,
      name: row.name,
      language: row.language,
      change,
      status,
    });
  }

  return {
    /** Registers what follows a status change reported by Meta (module factories, once). */
    onTemplateStatus(handler: TemplateStatusHandler): void {
      if (!statusHandlers.includes(handler)) statusHandlers.push(handler);
    },

    /** `message_template_status_update`: APPROVED, REJECTED (with reason), PAUSED, DISABLED… */
    async applyTemplateStatusUpdate(wabaId: string, value: unknown): Promise<void> {
      const v = statusValueSchema.parse(value);
      const row = await find(wabaId, v);
      if (row === undefined) return;
      const status = statusOfEvent[v.event] ?? v.event;
      const reasonParts = [
        v.reason,
        v.rejection_info?.reason,
        v.rejection_info?.recommendation,
      ].filter((r): r is string => typeof r === 'string' && r !== '' && r !== 'NONE');
      const reason = status === 'REJECTED' ? reasonParts.join(' — ') || 'No reason given' : null;
      // The status, its history row and the outgoing webhook's outbox row commit together.
      await inTransaction(deps.db, async (tx) => {
        await repo.updateTemplateRow(tx, row.id, {
          status,
          rejectedReason: reason,
          ...(v.message_template_category === undefined
            ? {}
            : { category: v.message_template_category }),
          updatedAt: deps.clock.now(),
        });
        await hooks.recordEvent(
          tx,
          row,
          'status',
          row.status,
          status,
          'webhook',
          reasonParts.join(' — ') || null,
        );
        const change = { templateName: row.name, language: row.language, status, reason };
        for (const handler of statusHandlers) await handler(tx, change);
      });
      publish(row, 'status', status);
    },

    /** `message_template_quality_update`: GREEN / YELLOW / RED / UNKNOWN. */
    async applyTemplateQualityUpdate(wabaId: string, value: unknown): Promise<void> {
      const v = qualityValueSchema.parse(value);
      const row = await find(wabaId, v);
      if (row === undefined) return;
      await repo.updateTemplateRow(deps.db, row.id, {
        qualityScore: v.new_quality_score,
        updatedAt: deps.clock.now(),
      });
      await hooks.recordEvent(
        deps.db,
        row,
        'quality',
        v.previous_quality_score ?? row.qualityScore,
        v.new_quality_score,
        'webhook',
      );
      publish(row, 'quality', row.status);
    },

    /** `template_category_update`: Meta re-categorised the template. */
    async applyTemplateCategoryUpdate(wabaId: string, value: unknown): Promise<void> {
      const v = categoryValueSchema.parse(value);
      const row = await find(wabaId, v);
      if (row === undefined) return;
      await repo.updateTemplateRow(deps.db, row.id, {
        category: v.new_category,
        previousCategory: v.previous_category ?? row.category,
        updatedAt: deps.clock.now(),
      });
      await hooks.recordEvent(
        deps.db,
        row,
        'category',
        v.previous_category ?? row.category,
        v.new_category,
        'webhook',
      );
      publish(row, 'category', row.status);
    },
  };
}
