import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  conversationListSchema,
  messageResultSchema,
  threadSchema,
  type ConversationListQuery,
} from '@kiana/contracts';
import { api } from '../../api/client';

const path = (id: string) => `/conversations/${encodeURIComponent(id)}`;
const done = z.object({ ok: z.literal(true) });

/** The conversation list; the previous page stays on screen while a filter reloads. */
export function useConversations(query: Partial<ConversationListQuery>) {
  return useQuery({
    queryKey: ['conversations', query],
    queryFn: () => api.get('/conversations', conversationListSchema, { ...query }),
    placeholderData: (previous) => previous,
  });
}

/** The newest messages of a thread (newest last). */
export function useThread(id: string | null) {
  return useQuery({
    queryKey: ['conversation', id],
    queryFn: () => api.get(`${path(id ?? '')}/messages`, threadSchema, { limit: 100 }),
    enabled: id !== null,
  });
}

/** After any change the list and the thread are read again. */
function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['conversations'] }),
      client.invalidateQueries({ queryKey: ['conversation'] }),
    ]);
}

/** The team's actions on one conversation. */
export function useConversationActions(id: string) {
  const refresh = useRefresh();
  const options = { onSettled: refresh };
  return {
    markRead: useMutation({
      mutationFn: () => api.post(`${path(id)}/read`, {}, done),
      ...options,
    }),
    assign: useMutation({
      mutationFn: (userId: string | null) => api.put(`${path(id)}/assignee`, { userId }, done),
      ...options,
    }),
    setState: useMutation({
      mutationFn: (state: 'open' | 'closed') => api.put(`${path(id)}/state`, { state }, done),
      ...options,
    }),
    snooze: useMutation({
      mutationFn: (until: number) => api.post(`${path(id)}/snooze`, { until }, done),
      ...options,
    }),
    addLabel: useMutation({
      mutationFn: (label: string) => api.post(`${path(id)}/labels`, { label }, done),
      ...options,
    }),
    removeLabel: useMutation({
      mutationFn: (label: string) =>
        api.delete(`${path(id)}/labels/${encodeURIComponent(label)}`, done),
      ...options,
    }),
    note: useMutation({
      mutationFn: (text: string) => api.post(`${path(id)}/notes`, { text }, messageResultSchema),
      ...options,
    }),
    reply: useMutation({
      mutationFn: (body: { clientId: string; text: string; replyToMessageId?: string }) =>
        api.post(`${path(id)}/replies`, body, messageResultSchema),
      ...options,
    }),
    media: useMutation({
      mutationFn: (body: {
        clientId: string;
        file: File;
        caption?: string;
        replyToMessageId?: string;
      }) => {
        const form = new FormData();
        form.set('clientId', body.clientId);
        if (body.caption !== undefined) form.set('caption', body.caption);
        if (body.replyToMessageId !== undefined)
          form.set('replyToMessageId', body.replyToMessageId);
        // The file last: the server reads the fields before the bytes.
        form.set('file', body.file, body.file.name);
        return api.post(`${path(id)}/media-replies`, form, messageResultSchema);
      },
      ...options,
    }),
    template: useMutation({
      mutationFn: (body: {
        clientId: string;
        templateId: string;
        parameters?: Record<string, string>;
      }) => api.post(`${path(id)}/template-replies`, body, messageResultSchema),
      ...options,
    }),
    react: useMutation({
      mutationFn: ({
        messageId,
        ...body
      }: {
        messageId: string;
        clientId: string;
        emoji: string;
      }) =>
        api.post(
          `${path(id)}/messages/${encodeURIComponent(messageId)}/reactions`,
          body,
          messageResultSchema,
        ),
      ...options,
    }),
    retry: useMutation({
      mutationFn: (messageId: string) =>
        api.post(
          `${path(id)}/messages/${encodeURIComponent(messageId)}/retry`,
          {},
          messageResultSchema,
        ),
      ...options,
    }),
  };
}
