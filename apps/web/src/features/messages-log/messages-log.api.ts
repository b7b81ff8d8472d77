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

/** Where the browser downloads the filtered log as CSV (streamed by the server). */
export function messageLogCsvUrl(query: Omit<MessageLogQuery, 'cursor' | 'limit'>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1/message-log.csv${qs === '' ? '' : `?${qs}`}`;
}

/** Days picked as `YYYY-MM-DD` to a range: local midnight of the first to after the last. */
export function dayRange(from?: string, to?: string): { from?: number; to?: number } {
  const day = (s: string | undefined, plus: number) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
    return m === null
      ? undefined
      : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plus).getTime();
  };
  const start = day(from, 0);
  const end = day(to, 1);
  return {
    ...(start === undefined ? {} : { from: start }),
    ...(end === undefined ? {} : { to: end }),
  };
}
