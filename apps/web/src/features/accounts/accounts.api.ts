import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  accountDtoSchema,
  accountListSchema,
  connectionTestResultSchema,
  healthEventListSchema,
  templateSyncResultSchema,
  type CreateAccountBody,
  type UpdateAccountBody,
} from '@kiana/contracts';
import { api } from '../../api/client';

const done = z.object({ ok: z.literal(true) });
const keys = {
  accounts: ['whatsapp', 'accounts'] as const,
  alerts: ['whatsapp', 'alerts'] as const,
};

/** Every connected WhatsApp account with numbers and webhook status. */
export function useAccounts() {
  return useQuery({
    queryKey: keys.accounts,
    queryFn: async () => (await api.get('/whatsapp/accounts', accountListSchema)).accounts,
    refetchInterval: 15_000,
  });
}

/** Open health alerts (quality drops, restrictions, lower limits). */
export function useHealthAlerts() {
  return useQuery({
    queryKey: keys.alerts,
    queryFn: async () =>
      (await api.get('/whatsapp/health-events', healthEventListSchema, { alertsOnly: true }))
        .events,
    refetchInterval: 30_000,
  });
}

/** The mutations of Settings → WhatsApp; each refreshes the account list. */
export function useAccountActions() {
  const qc = useQueryClient();
  const refresh = async (): Promise<void> => {
    await qc.invalidateQueries({ queryKey: ['whatsapp'] });
    await qc.invalidateQueries({ queryKey: ['templates'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: CreateAccountBody) =>
        api.post('/whatsapp/accounts', body, accountDtoSchema),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateAccountBody }) =>
        api.patch(`/whatsapp/accounts/${id}`, body, accountDtoSchema),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/whatsapp/accounts/${id}`, done),
      onSuccess: refresh,
    }),
    test: useMutation({
      mutationFn: (id: string) =>
        api.post(`/whatsapp/accounts/${id}/test`, {}, connectionTestResultSchema),
      onSuccess: refresh,
    }),
    subscribe: useMutation({
      mutationFn: (id: string) => api.post(`/whatsapp/accounts/${id}/subscribe`, {}, done),
    }),
    syncTemplates: useMutation({
      mutationFn: (id: string) =>
        api.post(`/whatsapp/accounts/${id}/sync-templates`, {}, templateSyncResultSchema),
      onSuccess: refresh,
    }),
    acknowledge: useMutation({
      mutationFn: (id: string) => api.post(`/whatsapp/health-events/${id}/acknowledge`, {}, done),
      onSuccess: refresh,
    }),
  };
}
