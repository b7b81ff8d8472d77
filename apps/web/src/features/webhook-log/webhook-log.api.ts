import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  webhookEventDetailSchema,
  webhookEventPageSchema,
  webhookEventSummarySchema,
  type WebhookEventQuery,
} from '@kiana/contracts';
import { api } from '../../api/client';

/** A page of the webhook log. */
export function useWebhookEvents(query: Partial<WebhookEventQuery>) {
  return useQuery({
    queryKey: ['webhook-events', query],
    queryFn: () => api.get('/webhooks/events', webhookEventPageSchema, { ...query }),
    placeholderData: (previous) => previous,
  });
}

/** One event with its raw body. */
export function useWebhookEvent(id: string | null) {
  return useQuery({
    queryKey: ['webhook-event', id],
    queryFn: () =>
      api.get(`/webhooks/events/${encodeURIComponent(id ?? '')}`, webhookEventDetailSchema),
    enabled: id !== null,
  });
}

/** Re-applies a stored event; refreshes the list and the event. */
export function useReplayWebhookEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post(
        `/webhooks/events/${encodeURIComponent(id)}/replay`,
        undefined,
        webhookEventSummarySchema,
      ),
    onSuccess: async (_data, id) => {
      await qc.invalidateQueries({ queryKey: ['webhook-events'] });
      await qc.invalidateQueries({ queryKey: ['webhook-event', id] });
    },
  });
}
