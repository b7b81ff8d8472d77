import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  messageLogDetailSchema,
  messageLogPageSchema,
  type MessageLogQuery,
} from '@kiana/contracts';
import { api } from '../../api/client';

/** The messages log, newest first, paged on the server by cursor. */
export function useMessageLog(query: Omit<MessageLogQuery, 'cursor' | 'limit'>) {
  return useInfiniteQuery({
    queryKey: ['message-log', query],
    queryFn: ({ pageParam }) =>
      api.get('/message-log', messageLogPageSchema, {
        ...query,
        limit: 50,
        ...(pageParam === null ? {} : { cursor: pageParam }),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One message with its status history and raw payload. */
export function useMessage(id: string | null) {
  return useQuery({
    queryKey: ['message', id],
    queryFn: () => api.get(`/message-log/${encodeURIComponent(id ?? '')}`, messageLogDetailSchema),
    enabled: id !== null,
  });
}
