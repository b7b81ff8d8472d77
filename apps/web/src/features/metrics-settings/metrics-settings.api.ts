import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { metricsSettingsSchema, metricsTokenSchema } from '@kiana/contracts';
import { api } from '../../api/client';

const key = ['metrics-settings'];

/** Settings → Metrics: whether a scrape token is set (its hint) and the allow-list. */
export function useMetricsSettings() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get('/settings/metrics', metricsSettingsSchema),
  });
}

/** Saves the address allow-list. */
export function useSaveAllowList() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (allowList: string[]) =>
      api.put('/settings/metrics', { allowList }, metricsSettingsSchema),
    onSuccess: (data) => client.setQueryData(key, data),
  });
}

/** Makes a new token (replacing any other); the answer is the only time it is shown. */
export function useRotateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/settings/metrics/token', undefined, metricsTokenSchema),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}

/** Removes the token: `/metrics` then answers 401 to everyone. */
export function useClearToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/settings/metrics/token', z.object({ ok: z.literal(true) })),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}
