import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { consentKeywordSettingsSchema, type ConsentKeywordSettings } from '@kiana/contracts';
import { api } from '../../api/client';

const path = '/contacts/consent-keywords';

/** The opt-out / opt-in words of every language and their confirmation replies. */
export function useConsentKeywords() {
  return useQuery({
    queryKey: ['consent-keywords'],
    queryFn: () => api.get(path, consentKeywordSettingsSchema),
  });
}

export function useSaveConsentKeywords() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ConsentKeywordSettings) =>
      api.put(path, input, consentKeywordSettingsSchema),
    onSuccess: (saved) => qc.setQueryData(['consent-keywords'], saved),
  });
}
