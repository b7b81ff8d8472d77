import { z } from 'zod';
import {
  campaignPreflightSchema,
  campaignProgressSchema,
  campaignSettingsSchema,
  numberHealthListSchema,
  numberHealthQuerySchema,
  rateCardSchema,
  rateCardUpdateSchema,
  recipientListQuerySchema,
  recipientPageSchema,
  sendingNumbersSchema,
  testSendResultSchema,
  testSendSchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { CampaignAdmin } from './campaigns.admin';

import type { Preflight } from './campaigns.preflight';
import type { CampaignProgressService } from './campaigns.progress';
import type { TestSender } from './campaigns.test-send';

const idParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['Campaigns'];

/**
 * Campaigns under /api/v1, beside the drafts: the pre-flight, test send, live progress and
 * recipients of one campaign; the rate card, the approval setting and the sending numbers.
 */
export function campaignRunRoutes(
  app: ZodApp,
  s: {
    preflight: Preflight;
    progress: CampaignProgressService;
    testSender: TestSender;
    admin: CampaignAdmin;
  },
): void {
  const read = { access: 'campaigns.read' } as const;
  const write = { access: 'campaigns.write' } as const;
  const manage = { access: 'settings.manage' } as const;

  app.get(
    '/campaigns/:id/preflight',
    {
      config: read,
      schema: { tags, params: idParams, response: { 200: campaignPreflightSchema } },
    },
    async (request) => s.preflight.run(request.params.id),
  );
  app.get(
    '/campaigns/:id/progress',
    { config: read, schema: { tags, params: idParams, response: { 200: campaignProgressSchema } } },
    async (request) => s.progress.progress(request.params.id),
  );
  app.get(
    '/campaigns/:id/recipients',
    {
      config: read,
      schema: {
        tags,
        params: idParams,
        querystring: recipientListQuerySchema,
        response: { 200: recipientPageSchema },
      },
    },
    async (request) => s.progress.recipients(request.params.id, request.query),
  );
  app.post(
    '/campaigns/:id/test-send',
    {
      config: write,
      schema: {
        tags,
        params: idParams,
        body: testSendSchema,
        response: { 200: testSendResultSchema },
      },
    },
    async (request) =>
      s.testSender.send(request.params.id, request.body.numbers, auditContext(request)),
  );

  // The wizard's number picker: whoever may write campaigns sees the numbers to send from,
  // without the accounts' settings (which need settings.manage).
  app.get(
    '/campaigns/sending-numbers',
    { config: write, schema: { tags, response: { 200: sendingNumbersSchema } } },
    async () => s.admin.sendingNumbers(),
  );
  app.get(
    '/campaigns/number-health',
    {
      config: read,
      schema: {
        tags,
        description:
          "Every sending number's quality, pacing and its portfolio's messaging limit (with what the rolling 24 h left of it), and their changes since `since` (epoch ms).",
        querystring: numberHealthQuerySchema,
        response: { 200: numberHealthListSchema },
      },
    },
    async (request) => s.admin.numberHealth(request.query.since),
  );
  app.get(
    '/campaigns/rate-card',
    { config: manage, schema: { tags, response: { 200: rateCardSchema } } },
    async () => s.admin.rateCard(),
  );
  app.put(
    '/campaigns/rate-card',
    {
      config: manage,
      schema: { tags, body: rateCardUpdateSchema, response: { 200: rateCardSchema } },
    },
    async (request) => s.admin.replaceRateCard(request.body, auditContext(request)),
  );
  app.get(
    '/campaigns/settings',
    { config: manage, schema: { tags, response: { 200: campaignSettingsSchema } } },
    async () => s.admin.settings(),
  );
  app.put(
    '/campaigns/settings',
    {
      config: manage,
      schema: { tags, body: campaignSettingsSchema, response: { 200: campaignSettingsSchema } },
    },
    async (request) => s.admin.updateSettings(request.body, auditContext(request)),
  );
}
