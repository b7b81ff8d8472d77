import { z } from 'zod';
import {
  consentHistorySchema,
  consentKeywordSettingsSchema,
  setConsentSchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { ConsentService } from './consent.service';
import type { ConsentKeywordsService } from './consent.keywords';

const idParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['Contacts'];

/** A contact's marketing consent: the ledger, and an admin's change of it. */
export function consentRoutes(
  app: ZodApp,
  consent: ConsentService,
  keywords: ConsentKeywordsService,
): void {
  // Static paths: Fastify matches them before `/contacts/:id`.
  app.get(
    '/contacts/consent-keywords',
    {
      config: { access: 'contacts.read' },
      schema: { tags, response: { 200: consentKeywordSettingsSchema } },
    },
    async () => keywords.get(),
  );
  app.put(
    '/contacts/consent-keywords',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        body: consentKeywordSettingsSchema,
        response: { 200: consentKeywordSettingsSchema },
      },
    },
    async (request) => keywords.set(request.body, auditContext(request)),
  );
  app.get(
    '/contacts/:id/consent',
    {
      config: { access: 'contacts.read' },
      schema: { tags, params: idParams, response: { 200: consentHistorySchema } },
    },
    async (request) => consent.history(request.params.id),
  );
  app.post(
    '/contacts/:id/consent',
    {
      config: { access: 'contacts.manage' },
      schema: {
        tags,
        params: idParams,
        body: setConsentSchema,
        response: { 200: consentHistorySchema },
      },
    },
    async (request) => consent.set(request.params.id, request.body, auditContext(request)),
  );
}
