import { randomUUID } from 'node:crypto';
import type {
  LintResult,
  SubmitTemplateBody,
  TemplateDraft,
  TemplateDto,
  TemplateListQuery,
  TemplateMapping,
  TemplateSendComponent,
  TemplateSlot,
  TemplateSyncResult,
} from '@kiana/contracts';
import {
  submitTemplateBodySchema,
  templateComponentSchema,
  templateDraftSchema,
} from '@kiana/contracts';
import { NotFoundError, ValidationError } from '../../errors';
import type { MessageTemplate } from '../../whatsapp/graph.schemas';
import type { Executor } from '../../db/executor';
import { recordAudit, type ActionContext, type WhatsAppDeps } from '../accounts/accounts.deps';
import type { AccountsService } from '../accounts/accounts.service';
import * as repo from './templates.repo';
import { lintTemplate } from './templates.lint';
import { componentsOf, toRenderable, toTemplateDto } from './templates.mapper';
import { renderTemplateComponents, templateSlots, type RenderContext } from './templates.render';
import { createTemplateWebhookHandlers } from './templates.webhooks';
import { createHeaderExamples } from './templates.header-examples';
import type { FileStore } from '../../platform/files/files';
import './templates.events';

/** Creates the templates service over the accounts service. */
export function createTemplatesService(
  deps: WhatsAppDeps,
  accounts: AccountsService,
  files: FileStore,
) {
  const { db, clock } = deps;
  const headerExamples = createHeaderExamples(deps, accounts, files);

  async function requireRow(id: string, ex: Executor = db): Promise<repo.TemplateRow> {
    const row = await repo.findTemplateRow(ex, id);
    if (row === undefined) throw new NotFoundError('Template', id);
    return row;
  }

  async function recordEventOn(
    ex: Executor,
    row: repo.TemplateRow,
    kind: string,
    previousValue: string | null,
    newValue: string | null,
    source: string,
    reason: string | null = null,
  ): Promise<void> {
    await repo.insertTemplateEventRow(ex, {
      id: randomUUID(),
      templateId: row.id,
      kind,
      previousValue,
      newValue,
      reason,
      source,
      at: clock.now(),
    });
  }

  /**
   * Stores one template as Meta listed it; returns whether it was new. `known` (the account's
   * rows, read once by a sync) replaces the two look-ups per template.
   */
  async function storeFromMeta(
    ex: Executor,
    accountId: string,
    t: MessageTemplate,
    now: number,
    known?: KnownTemplates,
  ): Promise<{ id: string; added: boolean }> {
    const name = t.name ?? t.id;
    const language = t.language ?? 'en_US';
    const existing =
      known === undefined
        ? ((await repo.findTemplateRowByMetaId(ex, accountId, t.id)) ??
          (await repo.findTemplateRowByName(ex, accountId, name, language)))
        : (known.byMetaId.get(t.id) ?? known.byNameLanguage.get(`${name}\u0000${language}`));
    const fields = {
      metaId: t.id,
      name,
      language,
      category: t.category ?? existing?.category ?? 'UTILITY',
      status: t.status ?? existing?.status ?? 'PENDING',
      parameterFormat: t.parameter_format === 'NAMED' ? 'NAMED' : 'POSITIONAL',
      components: JSON.stringify(t.components ?? []),
      rejectedReason:
        t.rejected_reason === undefined || t.rejected_reason === 'NONE' ? null : t.rejected_reason,
      qualityScore:
        typeof t.quality_score?.score === 'string'
          ? t.quality_score.score
          : (existing?.qualityScore ?? null),
      previousCategory:
        typeof t.previous_category === 'string'
          ? t.previous_category
          : (existing?.previousCategory ?? null),
      syncedAt: now,
      updatedAt: now,
    };
    if (existing === undefined) {
      const id = randomUUID();
      await repo.insertTemplateRow(ex, { id, accountId, createdAt: now, ...fields });
      return { id, added: true };
    }
    await repo.updateTemplateRow(ex, existing.id, fields);
    if (existing.status !== fields.status)
      await recordEventOn(
        ex,
        existing,
        'status',
        existing.status,
        fields.status,
        'sync',
        fields.rejectedReason,
      );
    return { id: existing.id, added: false };
  }

  const service = {
    /** Templates matching the filters. */
    async list(query: TemplateListQuery = {}): Promise<TemplateDto[]> {
      return (await repo.listTemplateRows(db, query)).map(toTemplateDto);
    },

    async get(id: string): Promise<TemplateDto> {
      return toTemplateDto(await requireRow(id));
    },

    /** A template's status, quality and category history. */
    async events(id: string) {
      await requireRow(id);
      return (await repo.listTemplateEventRows(db, id)).map((e) => ({
        id: e.id,
        kind: e.kind,
        previousValue: e.previousValue,
        newValue: e.newValue,
        reason: e.reason,
        source: e.source,
        at: new Date(Number(e.at)).toISOString(),
      }));
    },

    /** Reads every template of the account from Meta (all pages) and mirrors them. */
    async sync(accountId: string): Promise<TemplateSyncResult> {
      const { api, account } = await accounts.graphAccess(accountId);
      // A template submitted while the pages are read may be missing from them: only rows
      // that existed before the listing began can be "gone at Meta".
      const listingStartedAt = clock.now();
      const templates = await api.listAllTemplates(account.wabaId, {
        fields: [
          'id',
          'name',
          'language',
          'status',
          'category',
          'components',
          'parameter_format',
          'rejected_reason',
          'quality_score',
          'previous_category',
        ],
      });
      const now = clock.now();
      const known = indexTemplates(await repo.listAccountTemplateRows(db, accountId));
      const keep: string[] = [];
      let added = 0;
      for (const t of templates) {
        const stored = await storeFromMeta(db, accountId, t, now, known);
        keep.push(stored.id);
        if (stored.added) added += 1;
      }
      const removed = await repo.deleteTemplateRowsNotIn(db, accountId, keep, listingStartedAt);
      deps.bus.publish('templates.changed', {
        accountId,
        templateId: null,
        name: '*',
        language: null,
        change: 'synced',
        status: null,
      });
      return { total: templates.length, added, updated: templates.length - added, removed };
    },

    /** Scheduled: syncs every account; one failing account does not stop the others. */
    async syncAll(): Promise<void> {
      for (const account of await accounts.listAccountRefs()) {
        try {
          await service.sync(account.id);
        } catch (err) {
          deps.logger.warn({ err, accountId: account.id }, 'template sync failed');
        }
      }
    },

    /** Lints a draft against Meta's rules. */
    lint(draft: TemplateDraft): LintResult {
      return lintTemplate(templateDraftSchema.parse(draft));
    },

    /** Lints and submits a template to Meta; it is stored as Meta answers (usually PENDING). */
    async submit(input: SubmitTemplateBody, action: ActionContext): Promise<TemplateDto> {
      const body = submitTemplateBodySchema.parse(input);
      const lint = lintTemplate(body);
      if (!lint.ok) {
        throw new ValidationError(
          `The template has ${lint.issues.filter((i) => i.severity === 'error').length} problem(s) to fix before submitting`,
          lint.issues,
        );
      }
      // Lint passed, so the components have Meta's shape; normalise types to upper case.
      const components = templateComponentSchema.array().parse(
        body.components.map((c) => ({
          ...c,
          type: c.type.toUpperCase(),
          format: c.format?.toUpperCase(),
        })),
      );
      const { api, account } = await accounts.graphAccess(body.accountId);
      const created = await api.createTemplate(account.wabaId, {
        name: body.name,
        language: body.language,
        category: body.category as 'MARKETING' | 'UTILITY' | 'AUTHENTICATION',
        parameter_format: body.parameterFormat,
        ...(body.allowCategoryChange === undefined
          ? {}
          : { allow_category_change: body.allowCategoryChange }),
        components,
      });
      const now = clock.now();
      const row = await db.transaction().execute(async (tx) => {
        const stored = await storeFromMeta(
          tx,
          account.id,
          {
            id: created.id,
            name: body.name,
            language: body.language,
            status: created.status ?? 'PENDING',
            category: created.category ?? body.category,
            parameter_format: body.parameterFormat,
            components,
          },
          now,
        );
        const row = await requireRow(stored.id, tx);
        await recordEventOn(tx, row, 'status', null, row.status, 'submit');
        await recordAudit(deps, tx, action, {
          action: 'template.submit',
          target: { type: 'template', id: row.id },
          details: {
            name: row.name,
            language: row.language,
            category: row.category,
            accountId: account.id,
          },
        });
        return row;
      });
      deps.bus.publish('templates.changed', {
        accountId: account.id,
        templateId: row.id,
        name: row.name,
        language: row.language,
        change: 'submitted',
        status: row.status,
      });
      // Meta holds the sample now; a sample left behind is removed by the hourly cleanup.
      if (body.headerExampleId !== undefined) {
        await headerExamples.discardHeaderExample(body.headerExampleId).catch((err: unknown) => {
          deps.logger.warn({ err, exampleId: body.headerExampleId }, 'header sample not removed');
        });
      }
      return toTemplateDto(row);
    },

    /** Submits a copy of a template in another language (translated components optional). */
    async duplicate(
      id: string,
      input: { language: string; components?: TemplateDraft['components'] | undefined },
      action: ActionContext,
    ): Promise<TemplateDto> {
      const row = await requireRow(id);
      return service.submit(
        {
          accountId: row.accountId,
          name: row.name,
          language: input.language,
          category: row.category,
          parameterFormat: row.parameterFormat === 'NAMED' ? 'NAMED' : 'POSITIONAL',
          components: input.components ?? componentsOf(row),
        },
        action,
      );
    },

    /** Deletes one language version (Meta `hsm_id`) or every language of the name. */
    async remove(id: string, scope: 'language' | 'all', action: ActionContext): Promise<void> {
      const row = await requireRow(id);
      // Without Meta's hsm_id a delete by name removes every language at Meta; a request
      // for one language must never turn into that.
      if (scope === 'language' && row.metaId === null) {
        throw new ValidationError(
          `Template ${row.name} (${row.language}) has no Meta id yet; sync templates, then delete this language.`,
        );
      }
      const { api, account } = await accounts.graphAccess(row.accountId);
      await api.deleteTemplate(account.wabaId, {
        name: row.name,
        ...(scope === 'language' && row.metaId !== null ? { hsmId: row.metaId } : {}),
      });
      await db.transaction().execute(async (tx) => {
        await repo.deleteTemplateRows(
          tx,
          row.accountId,
          row.name,
          scope === 'language' ? row.language : undefined,
        );
        await recordAudit(deps, tx, action, {
          action: 'template.delete',
          target: { type: 'template', id: row.id },
          details: {
            name: row.name,
            language: scope === 'language' ? row.language : 'all',
            accountId: account.id,
          },
        });
      });
      deps.bus.publish('templates.changed', {
        accountId: row.accountId,
        templateId: row.id,
        name: row.name,
        language: scope === 'language' ? row.language : null,
        change: 'deleted',
        status: null,
      });
    },

    /** The slots a send of this template must fill (for mapping editors). */
    async slots(id: string): Promise<TemplateSlot[]> {
      return templateSlots(toRenderable(await requireRow(id)));
    },

    /**
     * The `template` object of a send: name, language and rendered components. Refuses
     * (TemplateRenderError) a mapping Meta would reject, and templates not approved.
     */
    async renderForSend(
      id: string,
      mapping: TemplateMapping,
      context: RenderContext,
    ): Promise<{ name: string; language: { code: string }; components: TemplateSendComponent[] }> {
      const row = await requireRow(id);
      if (row.status !== 'APPROVED') {
        throw new ValidationError(
          `Template ${row.name} (${row.language}) is ${row.status}, not approved`,
        );
      }
      return {
        name: row.name,
        language: { code: row.language },
        components: renderTemplateComponents(toRenderable(row), mapping, context),
      };
    },
  };

  const webhooks = createTemplateWebhookHandlers(deps, {
    accounts,
    recordEvent: (ex, row, kind, prev, next, source, reason) =>
      recordEventOn(ex, row, kind, prev, next, source, reason),
    resync: (accountId) => service.sync(accountId).then(() => undefined),
  });
  return { ...service, ...webhooks, ...headerExamples };
}

/** An account's stored templates by Meta id and by name + language. */
interface KnownTemplates {
  byMetaId: Map<string, repo.TemplateRow>;
  byNameLanguage: Map<string, repo.TemplateRow>;
}

function indexTemplates(rows: readonly repo.TemplateRow[]): KnownTemplates {
  const known: KnownTemplates = { byMetaId: new Map(), byNameLanguage: new Map() };
  for (const row of rows) {
    if (row.metaId !== null) known.byMetaId.set(row.metaId, row);
    known.byNameLanguage.set(`${row.name}\u0000${row.language}`, row);
  }
  return known;
}

/** The templates service other modules receive. */
export type TemplatesService = ReturnType<typeof createTemplatesService>;
