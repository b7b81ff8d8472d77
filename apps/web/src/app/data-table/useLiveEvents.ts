import { useEffect, useRef, useState } from 'react';
import { liveEventSchema, type LiveEvent } from '@kiana/contracts';

/**
 * Subscribes to the server's event stream (`/api/v1/events/stream`, server-sent events)
 * and calls `onEvent` for each event whose name is in `names`. EventSource reconnects by
 * itself after a drop; `connected` says whether the stream is open right now.
 */
export function useLiveEvents(
  names: readonly string[],
  onEvent: (event: LiveEvent) => void,
): { connected: boolean } {
  const [connected, setConnected] = useState(false);
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
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => {
      for (const name of wanted) source.removeEventListener(name, listen);
      source.close();
    };
  }, [key]);
  return { connected };
}
