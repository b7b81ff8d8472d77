import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  agentAvailabilityListSchema,
  automationSettingsSchema,
  type AutomationSettings,
} from '@kiana/contracts';
import { api } from '../../api/client';

const keys = {
  settings: ['automations', 'settings'] as const,
  agents: ['automations', 'agents'] as const,
};

/** Settings → Automations: every inbox automation's settings. */
export function useAutomationSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: () => api.get('/automations/settings', automationSettingsSchema),
  });
}

export function useSaveAutomationSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AutomationSettings) =>
      api.put('/automations/settings', input, automationSettingsSchema),
    onSuccess: (data) => qc.setQueryData(keys.settings, data),
  });
}

/** Team members who may take auto-assigned conversations. */
export function useAgents() {
  return useQuery({
    queryKey: keys.agents,
    queryFn: async () => (await api.get('/automations/agents', agentAvailabilityListSchema)).agents,
  });
}

export function useSetAvailability() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId: string; isAvailable: boolean }) =>
      api.put(
        `/automations/agents/${encodeURIComponent(input.userId)}/availability`,
        { isAvailable: input.isAvailable },
        z.object({ ok: z.literal(true) }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.agents }),
  });
}
