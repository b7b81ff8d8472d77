import type { TestSendResult } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { AppError, NotFoundError } from '../../errors';
import type { Clock } from '../../platform/clock';
import { GraphApiError } from '../../whatsapp/graph.errors';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { RenderableTemplate } from '../templates/templates.render';
import { decide, type AudienceDeps, type Candidate } from './campaigns.audience';
import { specOf } from './campaigns.materialise';
import { findCampaign } from './campaigns.repo';
import { CampaignContent, type HeaderMedia } from './dispatch/dispatch.content';
import { touchPortfolio } from './dispatch/dispatch.repo';
import type { Sender } from './sender/sender';

/**
 * The test send: the campaign's message, rendered for each number as its recipients will get
 * it (the same parameter resolution, skip rules and renderer), sent through the Sender. It is
 * no part of the campaign: no recipient row, no count, no send log, and the message is not
 * tagged with the campaign. It does count against Meta's messaging limit, so it is recorded
 * in the portfolio's window like any business-initiated message.
 */
export interface TestSender {
  send(id: string, numbers: readonly string[], who: AuditContext): Promise<TestSendResult>;
}

export function createTestSender(deps: {
  db: Executor;
  clock: Clock;
  audit: AuditService;
  sender: Sender;
  audience: () => Promise<AudienceDeps>;
  template(id: string): Promise<RenderableTemplate>;
}): TestSender {
  const { db, clock } = deps;
  return {
    async send(id, numbers, who) {
      const row = await findCampaign(db, id);
      if (row === undefined) throw new NotFoundError('Campaign', id);
      // The frequency cap is for the campaign's audience, not for the operator's own phone.
      const spec = { ...specOf(row), frequencyCap: null };
      const audience = await deps.audience();
      const page: Candidate[] = numbers.map((raw) => ({ raw, contact: null, row: null }));
      const decided = await decide(db, audience, spec, page, new Set(), clock.now());
      const content = new CampaignContent(
        await deps.template(row.templateId),
        row.headerMediaJson === null ? null : (JSON.parse(row.headerMediaJson) as HeaderMedia),
      );
      const results: TestSendResult['results'] = [];
      for (const [i, d] of decided.entries()) {
        const number = numbers[i]!;
        const phoneE164 = d.reason === 'invalid_number' ? null : d.phoneE164;
        if (d.status === 'skipped') {
          results.push({ number, phoneE164, ok: false, wamid: null, error: d.reason });
          continue;
        }
        try {
          const sent = await deps.sender.send({
            accountId: row.accountId,
            phoneNumberId: row.phoneNumberId,
            phoneE164: d.phoneE164,
            contactId: d.contact?.id ?? null,
            campaignId: null,
            attemptId: null,
            content: content.render(d.params),
            marketing: spec.marketing,
          });
          await touchPortfolio(db, row.accountId, [d.phoneE164], clock.now());
          results.push({ number, phoneE164, ok: true, wamid: sent.wamid, error: null });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const message =
            error instanceof GraphApiError && error.metaCode !== undefined
              ? `(#${error.metaCode}) ${error.title ?? error.message}`
              : error.message;
          results.push({ number, phoneE164, ok: false, wamid: null, error: message });
        }
      }
      await db.transaction().execute((tx) =>
        deps.audit.record(tx, {
          ...who,
          action: 'campaign.test_send',
          target: { type: 'campaign', id },
          details: {
            numbers: results.length,
            sent: results.filter((r) => r.ok).length,
          },
        }),
      );
      return { results };
    },
  };
}
