import { z } from 'zod';
import { consentHistorySchema, setConsentSchema } from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { ConsentService } from './consent.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['Contacts'];

/** A contact's marketing consent: the ledger, and an admin's change of it. */
export function consentRoutes(app: ZodApp, consent: ConsentService): void {
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
