import { z } from 'zod';
import {
  accountDtoSchema,
  accountListSchema,
  connectionTestResultSchema,
  createAccountBodySchema,
  healthEventListSchema,
  updateAccountBodySchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { AccountsService } from './accounts.service';

const idParams = z.object({ id: z.string().min(1).max(64) });
const done = z.object({ ok: z.literal(true) });
const healthQuery = z.object({
  accountId: z.string().max(64).optional(),
  alertsOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const tags = ['WhatsApp accounts'];

/** Settings → WhatsApp: accounts, connection checks, webhook set-up and number health. */
export function accountsRoutes(app: ZodApp, accounts: AccountsService): void {
  app.get(
    '/whatsapp/accounts',
    {
      config: { access: 'settings.manage' },
      schema: { tags, response: { 200: accountListSchema } },
    },
    async () => ({ accounts: await accounts.list() }),
  );
  app.get(
    '/whatsapp/accounts/:id',
    {
      config: { access: 'settings.manage' },
      schema: { tags, params: idParams, response: { 200: accountDtoSchema } },
    },
    async (request) => accounts.get(request.params.id),
  );
  app.post(
    '/whatsapp/accounts',
    {
      config: { access: 'credentials.manage' },
      schema: { tags, body: createAccountBodySchema, response: { 201: accountDtoSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.create(request.body, auditContext(request))),
  );
  app.patch(
    '/whatsapp/accounts/:id',
    {
      config: { access: 'credentials.manage' },
      schema: {
        tags,
        params: idParams,
        body: updateAccountBodySchema,
        response: { 200: accountDtoSchema },
      },
    },
    async (request) => accounts.update(request.params.id, request.body, auditContext(request)),
  );
  app.delete(
    '/whatsapp/accounts/:id',
    {
      config: { access: 'credentials.manage' },
      schema: { tags, params: idParams, response: { 200: done } },
    },
    async (request) => {
      await accounts.remove(request.params.id, auditContext(request));
      return { ok: true as const };
    },
  );
  app.post(
    '/whatsapp/accounts/:id/test',
    {
      config: { access: 'credentials.manage' },
      schema: { tags, params: idParams, response: { 200: connectionTestResultSchema } },
    },
    async (request) => accounts.testConnection(request.params.id),
  );
  app.post(
    '/whatsapp/accounts/:id/subscribe',
    {
      config: { access: 'credentials.manage' },
      schema: { tags, params: idParams, response: { 200: done } },
    },
    async (request) => {
      await accounts.subscribeApp(request.params.id, auditContext(request));
      return { ok: true as const };
    },
  );
  app.get(
    '/whatsapp/health-events',
    {
      config: { access: 'authenticated' },
      schema: { tags, querystring: healthQuery, response: { 200: healthEventListSchema } },
    },
    async (request) => ({
      events: await accounts.listHealthEvents({
        ...(request.query.accountId === undefined ? {} : { accountId: request.query.accountId }),
        alertsOnly: request.query.alertsOnly,
        limit: request.query.limit,
      }),
    }),
  );
  app.post(
    '/whatsapp/health-events/:id/acknowledge',
    {
      config: { access: 'settings.manage' },
      schema: { tags, params: idParams, response: { 200: done } },
    },
    async (request) => {
      await accounts.acknowledgeAlert(request.params.id);
      return { ok: true as const };
    },
  );
}
