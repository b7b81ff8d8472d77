import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { agentAvailabilityListSchema } from '@kiana/contracts';
import { api } from '../../api/client';

/** The query key of the team as the inbox shows it; live `agents.availability` events refresh it. */
export const teamKey = ['inbox', 'team'] as const;

/** The team: who can reply, online or away. */
export function useTeam() {
  return useQuery({
    queryKey: teamKey,
    queryFn: async () => (await api.get('/inbox/agents', agentAvailabilityListSchema)).agents,
    staleTime: 30_000,
  });
}

/** The signed-in agent sets themself online or away. */
export function useSetMyAvailability() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (isAvailable: boolean) =>
      api.put('/inbox/availability', { isAvailable }, z.object({ ok: z.literal(true) })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: teamKey }),
  });
}
