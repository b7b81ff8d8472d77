import type { Clock } from '../../../platform/clock';

/**
 * When the requests fired just before this call are written to their sockets.
 *
 * undici writes a request on a reused keep-alive socket only in the event loop's check phase
 * (its idle-socket validation: pending bytes, a FIN or a reset on the idle socket are read
 * first), so a request fired now leaves after whatever the poll phase runs in between: at
 * 1,000 sends a second with their status webhooks coming in, up to 200 ms. The immediate
 * queued here comes before undici's (the sends reach undici in the microtasks after this
 * call), so it reads the time in the phase that writes them; the promise resolves in the next
 * check phase, after the writes, so the caller's own work does not delay them.
 */
export function writtenAt(clock: Clock): Promise<number> {
  return new Promise((resolve) => {
    setImmediate(() => {
      const at = clock.now();
      setImmediate(() => resolve(at));
    });
  });
}
