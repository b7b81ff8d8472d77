import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { liveEventSchema, type LiveEvent } from '@kiana/contracts';

/**
 * Subscribes to the server's event stream (`/api/v1/events/stream`, server-sent events)
 * and calls `onEvent` for each event whose name is in `names`. EventSource reconnects by
 * itself after a drop, sending the last id it saw, and the server replays what was missed;
 * when it cannot (`stream.reset`), every query on screen is refetched instead.
 * `connected` says whether the stream is open right now.
 */
export function useLiveEvents(
  names: readonly string[],
  onEvent: (event: LiveEvent) => void,
): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const queryClient = useQueryClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = names.join(',');
  useEffect(() => {
    const source = new EventSource('/api/v1/events/stream', { withCredentials: true });
    const listen = (e: MessageEvent<string>) => {
      const parsed = liveEventSchema.safeParse(JSON.parse(e.data));
      if (parsed.success) handler.current(parsed.data);
    };
    const wanted = key.split(',');
    for (const name of wanted) source.addEventListener(name, listen);
    const reset = () => void queryClient.invalidateQueries();
    source.addEventListener('stream.reset', reset);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => {
      for (const name of wanted) source.removeEventListener(name, listen);
      source.removeEventListener('stream.reset', reset);
      source.close();
    };
  }, [key, queryClient]);
  return { connected };
}
