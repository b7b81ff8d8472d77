import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  headerExampleDtoSchema,
  lintResultSchema,
  templateDtoSchema,
  templateListSchema,
  type SubmitTemplateBody,
  type TemplateDraft,
  type TemplateListQuery,
} from '@kiana/contracts';
import { api, apiRequest } from '../../api/client';

/** Templates matching the filters. */
export function useTemplates(query: TemplateListQuery) {
  return useQuery({
    queryKey: ['templates', query],
    queryFn: async () => (await api.get('/templates', templateListSchema, { ...query })).templates,
    refetchInterval: 10_000,
  });
}

/** Lints a draft on the server (the same rules submission applies). */
export function lintDraft(draft: TemplateDraft, signal?: AbortSignal) {
  return apiRequest('POST', '/templates/lint', { schema: lintResultSchema, body: draft, signal });
}

/** Uploads a media header's sample to Meta for the account; answers the handle. */
export function uploadHeaderExample(accountId: string, file: File) {
  const form = new FormData();
  form.set('accountId', accountId);
  form.set('file', file, file.name);
  return api.post('/templates/header-examples', form, headerExampleDtoSchema);
}

/** Submit, duplicate and delete; each refreshes the list. */
export function useTemplateActions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['templates'] });
  return {
    submit: useMutation({
      mutationFn: (body: SubmitTemplateBody) => api.post('/templates', body, templateDtoSchema),
      onSuccess: refresh,
    }),
    duplicate: useMutation({
      mutationFn: ({ id, language }: { id: string; language: string }) =>
        api.post(`/templates/${id}/duplicate`, { language }, templateDtoSchema),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: ({ id, scope }: { id: string; scope: 'language' | 'all' }) =>
        api.delete(`/templates/${id}?scope=${scope}`, z.object({ ok: z.literal(true) })),
      onSuccess: refresh,
    }),
  };
}
