import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { templateComponentSchema } from '@kiana/contracts';
import type { MessageFilter, SimulatorControl } from './control';
import { registerEventRoutes } from './events.routes';
import { messagingTiers } from '../state/model';

// /_sim/: the control and oracle API over HTTP (not part of Meta's API). JSON in and out;
// bodies validated with zod; answers 400 `{ error }` on bad input.

const settingsBody = z.object({
  webhooks: z.record(z.string(), z.unknown()).optional(),
  faults: z.record(z.string(), z.unknown()).optional(),
  limits: z.record(z.string(), z.unknown()).optional(),
  statuses: z.record(z.string(), z.unknown()).optional(),
  review: z.record(z.string(), z.unknown()).optional(),
  behaviour: z.record(z.string(), z.unknown()).optional(),
});

const numberBody = z.object({
  id: z.string().regex(/^\d+$/),
  wabaId: z.string().optional(),
  displayPhoneNumber: z.string().optional(),
  verifiedName: z.string().optional(),
  qualityRating: z.enum(['GREEN', 'YELLOW', 'RED', 'NA']).optional(),
  throughputLevel: z.enum(['STANDARD', 'HIGH', 'COEXISTENCE']).optional(),
  testNumber: z.boolean().optional(),
  allowedRecipients: z
    .array(z.string().regex(/^\d{8,15}$/))
    .max(5)
    .optional(),
});

const templateBody = z.object({
  id: z.string().regex(/^\d+$/),
  wabaId: z.string(),
  name: z.string(),
  language: z.string(),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  status: z.string(),
  parameterFormat: z.enum(['POSITIONAL', 'NAMED']),
  components: z.array(templateComponentSchema),
});

const customerBody = z.object({
  waId: z.string().regex(/^\d{8,15}$/),
  name: z.string(),
  onWhatsApp: z.boolean().optional(),
  marketingCapped: z.boolean().optional(),
  marketingOptOut: z.boolean().optional(),
  marketingExperiment: z.boolean().optional(),
  userId: z
    .string()
    .regex(/^[A-Z]{2}\.[A-Za-z0-9.]{1,128}$/)
    .optional(),
  username: z.string().min(1).optional(),
  phoneWithheld: z.boolean().optional(),
});

const inboundBody = z.looseObject({ type: z.string(), phoneNumberId: z.string().optional() });

const messagesQuery = z.object({
  to: z.string().optional(),
  wa_id: z.string().optional(),
  phone_number_id: z.string().optional(),
  template_name: z.string().optional(),
  type: z.string().optional(),
  recipient: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  status: z.enum(['accepted', 'sent', 'delivered', 'read', 'played', 'failed']).optional(),
  since: z.coerce.number().optional(),
  limit: z.coerce.number().int().positive().optional(),
  payload: z.enum(['true', 'false']).optional(),
});

function filterOf(q: z.infer<typeof messagesQuery>): MessageFilter {
  return {
    to: q.to,
    waId: q.wa_id,
    phoneNumberId: q.phone_number_id,
    templateName: q.template_name,
    type: q.type,
    since: q.since,
    limit: q.limit,
    recipient: q.recipient,
    bizOpaqueCallbackData: q.biz_opaque_callback_data,
    status: q.status,
  };
}

/** Registers the /_sim/ routes. */
export function registerControlRoutes(app: FastifyInstance, control: SimulatorControl): void {
  app.get('/_sim/messages', async (request) => {
    const q = messagesQuery.parse(request.query);
    const data = control.messages(filterOf(q), q.payload === 'true');
    return { data, counts: control.counts() };
  });
  app.post<{ Params: { id: string } }>('/_sim/messages/:id/read', async (request) => ({
    read: control.readMessage(request.params.id),
  }));
  app.get('/_sim/messages/counts', async (request) => {
    const q = messagesQuery.parse(request.query);
    const filtered = Object.keys(q).length > 0;
    return control.counts(filtered ? filterOf(q) : undefined);
  });
  app.get('/_sim/read-receipts', async (request) => {
    const q = z
      .object({ wa_id: z.string().optional(), message_id: z.string().optional() })
      .parse(request.query);
    return { data: control.readReceipts({ waId: q.wa_id, messageId: q.message_id }) };
  });
  app.get('/_sim/portfolio', async () => control.portfolioUsage());
  app.get('/_sim/requests', async () => ({ data: control.requests() }));
  app.get('/_sim/webhooks', async () => ({ data: control.webhooks() }));
  app.get('/_sim/settings', async () => control.settings());
  app.patch('/_sim/settings', async (request) =>
    control.configure(settingsBody.parse(request.body)),
  );
  app.put('/_sim/webhook-url', async (request) => {
    const { url } = z.object({ url: z.url().nullable() }).parse(request.body);
    control.setWebhookUrl(url ?? undefined);
    return { url };
  });
  app.get('/_sim/numbers', async () => ({ data: control.numbers() }));
  app.put('/_sim/numbers', async (request) => control.upsertNumber(numberBody.parse(request.body)));
  app.put('/_sim/messaging-tier', async (request) => {
    const { tier } = z.object({ tier: z.enum(messagingTiers) }).parse(request.body);
    control.setMessagingTier(tier);
    return { tier };
  });
  app.get('/_sim/templates', async () => ({ data: control.templates() }));
  app.put('/_sim/templates', async (request) =>
    control.upsertTemplate(templateBody.parse(request.body)),
  );
  app.post<{ Params: { id: string } }>('/_sim/templates/:id/status', async (request) => {
    const { status, reason } = z
      .object({ status: z.string(), reason: z.string().optional() })
      .parse(request.body);
    return control.setTemplateStatus({ id: request.params.id }, status, reason);
  });
  app.get('/_sim/customers', async () => ({ data: control.customers() }));
  app.put('/_sim/customers', async (request) =>
    control.upsertCustomer(customerBody.parse(request.body)),
  );
  app.post<{ Params: { waId: string } }>('/_sim/customers/:waId/messages', async (request) => {
    const { phoneNumberId, ...draft } = inboundBody.parse(request.body);
    return control.inbound(
      request.params.waId,
      draft as Parameters<SimulatorControl['inbound']>[1],
      phoneNumberId,
    );
  });
  app.post<{ Params: { waId: string } }>('/_sim/customers/:waId/preferences', async (request) => {
    const { value, phoneNumberId } = z
      .object({ value: z.enum(['stop', 'resume']), phoneNumberId: z.string().optional() })
      .parse(request.body);
    control.setMarketingPreference(request.params.waId, value, phoneNumberId);
    return { success: true };
  });
  app.get<{ Params: { waId: string } }>('/_sim/customers/:waId/conversation', async (request) => ({
    data: control.conversation(request.params.waId),
  }));
  app.post('/_sim/flush', async () => {
    await control.flush();
    return { success: true };
  });
  app.post('/_sim/reset', async () => {
    control.reset();
    return { success: true };
  });
  registerEventRoutes(app, control);
}
