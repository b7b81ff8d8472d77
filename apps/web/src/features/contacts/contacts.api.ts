import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  contactBulkResultSchema,
  contactDetailSchema,
  contactPageSchema,
  tagSchema,
  tagWithCountSchema,
  type ContactBulkInput,
  type ContactCreate,
  type ContactListQuery,
  type ContactUpdate,
  type TagInput,
} from '@kiana/contracts';
import { api, apiRequest } from '../../api/client';

const nothing = z.unknown();
const tagListSchema = z.object({ tags: z.array(tagWithCountSchema) });
const path = (id: string) => `/contacts/${encodeURIComponent(id)}`;

/** A page of contacts; the previous page stays on screen while the next loads. */
export function useContacts(query: Partial<ContactListQuery>) {
  return useQuery({
    queryKey: ['contacts', query],
    queryFn: () => api.get('/contacts', contactPageSchema, { ...query }),
    placeholderData: (previous) => previous,
  });
}

/** One contact with its recent messages. */
export function useContact(id: string) {
  return useQuery({
    queryKey: ['contact', id],
    queryFn: () => api.get(path(id), contactDetailSchema),
  });
}

/** After any change, lists, details and tag counts may all be stale. */
function useRefreshContacts() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: ['contacts'] });
    await qc.invalidateQueries({ queryKey: ['contact'] });
    await qc.invalidateQueries({ queryKey: ['tags'] });
  };
}

export function useCreateContact() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (input: ContactCreate) => api.post('/contacts', input, contactDetailSchema),
    onSuccess: refresh,
  });
}

export function useUpdateContact(id: string) {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (input: ContactUpdate) => api.patch(path(id), input, contactDetailSchema),
    onSuccess: refresh,
  });
}

/**
 * Deletes through privacy's erasure on the server: nothing of the person remains. With
 * `suppress` the number also goes on the suppression list, so it is never messaged again.
 */
export function useDeleteContact() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: ({ id, suppress }: { id: string; suppress: boolean }) =>
      apiRequest('DELETE', path(id), { schema: nothing, query: { suppress } }),
    onSuccess: refresh,
  });
}

/** Adds or removes tags on, or deletes, the chosen contacts. */
export function useBulkContacts() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (input: ContactBulkInput) =>
      api.post('/contacts/bulk', input, contactBulkResultSchema),
    onSuccess: refresh,
  });
}

/** Every tag with its number of contacts. */
export function useTags() {
  return useQuery({
    queryKey: ['tags'],
    queryFn: async () => (await api.get('/tags', tagListSchema)).tags,
  });
}

export function useSaveTag() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: TagInput }) =>
      id === null
        ? api.post('/tags', input, tagSchema)
        : api.patch(`/tags/${encodeURIComponent(id)}`, input, tagSchema),
    onSuccess: refresh,
  });
}

export function useDeleteTag() {
  const refresh = useRefreshContacts();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/tags/${encodeURIComponent(id)}`, nothing),
    onSuccess: refresh,
  });
}
