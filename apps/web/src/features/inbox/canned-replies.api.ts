import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { cannedReplyListSchema, cannedReplySchema, type CannedReplyBody } from '@kiana/contracts';
import { api } from '../../api/client';

/** Every canned reply (read by the composer and the settings page). */
export function useCannedReplies() {
  return useQuery({
    queryKey: ['canned-replies'],
    queryFn: async () => (await api.get('/canned-replies', cannedReplyListSchema)).cannedReplies,
  });
}

/** Add, change and delete (admins); each refreshes the list. */
export function useCannedReplyActions() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ['canned-replies'] });
  return {
    create: useMutation({
      mutationFn: (body: CannedReplyBody) => api.post('/canned-replies', body, cannedReplySchema),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: CannedReplyBody & { id: string }) =>
        api.put(`/canned-replies/${encodeURIComponent(id)}`, body, cannedReplySchema),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) =>
        api.delete(`/canned-replies/${encodeURIComponent(id)}`, z.object({ ok: z.literal(true) })),
      onSuccess,
    }),
  };
}
