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

/**
 * Tells the server the agent types (or stopped): the team sees it live (the collision
 * warning) and, when read receipts are on, the customer sees "typing…" (at most once per 20 s).
 */
export function sendTyping(conversationId: string, isTyping: boolean): Promise<unknown> {
  return api.post(
    `/conversations/${encodeURIComponent(conversationId)}/typing`,
    { isTyping },
    typingResultSchema,
  );
}
