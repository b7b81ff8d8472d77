import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { inboxSettingsSchema, typingResultSchema, type InboxSettings } from '@kiana/contracts';
import { api } from '../../api/client';

/** Read receipts and the typing indicator: whether the team's attention shows on WhatsApp. */
export function useInboxSettings() {
  return useQuery({
    queryKey: ['inbox-settings'],
    queryFn: () => api.get('/inbox/settings', inboxSettingsSchema),
    staleTime: 60_000,
  });
}

export function useSaveInboxSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InboxSettings) => api.put('/inbox/settings', body, inboxSettingsSchema),
    onSuccess: (saved) => client.setQueryData(['inbox-settings'], saved),
  });
}

/** Tells the server an agent types; the server sends the indicator at most once per 20 s. */
export function sendTyping(conversationId: string): Promise<unknown> {
  return api.post(
    `/conversations/${encodeURIComponent(conversationId)}/typing`,
    {},
    typingResultSchema,
  );
}
