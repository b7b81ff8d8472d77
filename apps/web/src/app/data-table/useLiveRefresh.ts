import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { LiveEvent } from '@kiana/contracts';
import { useLiveEvents } from './useLiveEvents';

/**
 * Refetches `queryKey` when one of the live events `names` arrives, at most once per
 * `intervalMs`: events can come by the hundred a second, a list needs one refresh.
 * `onEvent` sees every event; `onRefreshed` runs after each refetch.
 */
export function useLiveRefresh(
  names: readonly string[],
  queryKey: QueryKey,
  options: { intervalMs?: number; onEvent?: (e: LiveEvent) => void; onRefreshed?: () => void } = {},
): { connected: boolean } {
  const qc = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ queryKey, options });
  latest.current = { queryKey, options };
  useEffect(() => () => clearTimeout(timer.current), []);
  return useLiveEvents(names, (e) => {
    latest.current.options.onEvent?.(e);
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const { queryKey: key, options: current } = latest.current;
      void qc.invalidateQueries({ queryKey: key }).then(() => current.onRefreshed?.());
    }, latest.current.options.intervalMs ?? 1000);
  });
}
