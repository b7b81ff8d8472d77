import type { EventBus } from './bus';

declare module './bus' {
  interface EventMap {
    /** A process-local cache entry is stale everywhere; relayed to every process. */
    'cache.invalidate': { scope: CacheScope; id: string | null };
  }
}

/** The caches that invalidations name; one entry per cache kept in some process's memory. */
export const cacheScopes = [
  /** accounts: decrypted app secrets and verify tokens; webhooks: the signature key cache. */
  'accounts.credentials',
  /** Admin-tuned settings read through a cache. */
  'settings',
] as const;

export type CacheScope = (typeof cacheScopes)[number];

/**
 * Cache invalidation over the bus, so it rides the relay: a change made through one process
 * clears the caches of all. `publish` also clears this process's caches (synchronously,
 * before it returns), so the caller's next read is fresh.
 */
export function createInvalidations(bus: EventBus) {
  return {
    publish(scope: CacheScope, id: string | null = null): void {
      bus.publish('cache.invalidate', { scope, id });
    },
    /** Calls `clear` whenever `scope` is invalidated in any process. */
    on(scope: CacheScope, clear: (id: string | null) => void): () => void {
      return bus.subscribe('cache.invalidate', (event) => {
        if (event.payload.scope === scope) clear(event.payload.id);
      });
    },
  };
}

export type Invalidations = ReturnType<typeof createInvalidations>;
