import { EventEmitter } from 'node:events';

/**
 * Events that modules publish for the SSE stream and for each other. Each module adds
 * its own event types to this map through declaration merging in its own file.
 * The bus carries notifications (live screens, cache invalidation); no state that must
 * follow an event may depend on a subscriber receiving it (docs/CONVENTIONS.md).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventMap {}

export type EventName = keyof EventMap & string;

/** One published event as subscribers see it. */
export interface BusEvent<N extends EventName = EventName> {
  name: N;
  payload: EventMap[N];
  at: number;
  /** Set when the event came from another process through the relay (events/relay.ts). */
  remote?: boolean;
}

/**
 * The in-process event bus. On PostgreSQL the relay forwards what this process publishes
 * to the other processes and re-emits theirs here, so subscribers see the events of all.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly forwarders = new Set<(event: BusEvent) => void>();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish<N extends EventName>(name: N, payload: EventMap[N]): void {
    const event: BusEvent<N> = { name, payload, at: Date.now() };
    this.emit(event);
    for (const forward of this.forwarders) forward(event as unknown as BusEvent);
  }

  /** Emits an event another process published, to this process's subscribers only. */
  deliverRemote(event: BusEvent): void {
    this.emit({ ...event, remote: true });
  }

  /** Sees every event published in this process (not remote ones): the relay's hook. */
  onLocalPublish(forward: (event: BusEvent) => void): () => void {
    this.forwarders.add(forward);
    return () => this.forwarders.delete(forward);
  }

  subscribe<N extends EventName>(name: N, listener: (event: BusEvent<N>) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  subscribeAll(listener: (event: BusEvent) => void): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }

  private emit(event: BusEvent): void {
    this.emitter.emit(event.name, event);
    this.emitter.emit('*', event);
  }
}
