import { useQuery } from '@tanstack/react-query';
import { graphApiCallPageSchema, type GraphApiCallQuery } from '@kiana/contracts';
import { api } from '../../api/client';

/** A page of the Graph API call log, newest first. */
export function useGraphApiCalls(query: Partial<GraphApiCallQuery>) {
  return useQuery({
    queryKey: ['api-log', query],
    queryFn: () => api.get('/api-log', graphApiCallPageSchema, { ...query }),
    placeholderData: (previous) => previous,
    refetchInterval: 10_000,
  });
}
