import { z } from 'zod';
import {
  integrationsSettingsSchema,
  webhookDeliveryListSchema,
  webhookEndpointCreatedSchema,
  webhookEndpointSchema,
  type IntegrationsSettings,
  type OutgoingEventType,
} from '@kiana/contracts';
import { api } from '../../api/client';

/** Settings → Webhooks: outgoing endpoints, their deliveries and the SSRF allow-list. */
export const integrationsApi = {
  endpoints: () =>
    api.get('/integrations/webhooks', z.object({ endpoints: z.array(webhookEndpointSchema) })),
  create: (body: { url: string; description: string | null; events: OutgoingEventType[] }) =>
    api.post('/integrations/webhooks', body, webhookEndpointCreatedSchema),
  update: (
    id: string,
    body: Partial<{
      url: string;
      description: string | null;
      events: OutgoingEventType[];
      enabled: boolean;
    }>,
  ) => api.patch(`/integrations/webhooks/${id}`, body, webhookEndpointSchema),
  ping: (id: string) =>
    api.post(
      `/integrations/webhooks/${id}/ping`,
      undefined,
      z.object({ eventId: z.string(), deliveryId: z.string() }),
    ),
  deliveries: (id: string) =>
    api.get(`/integrations/webhooks/${id}/deliveries`, webhookDeliveryListSchema),
  replay: (deliveryId: string) =>
    api.post(
      `/integrations/deliveries/${deliveryId}/replay`,
      undefined,
      z.object({ deliveryId: z.string() }),
    ),
  settings: () => api.get('/integrations/settings', integrationsSettingsSchema),
  saveSettings: (body: IntegrationsSettings) =>
    api.put('/integrations/settings', body, integrationsSettingsSchema),
};
