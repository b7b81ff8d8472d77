import { EventEmitter } from 'node:events';

/**
 * Events that modules publish for the SSE stream and for each other. Each module adds
 * its own event types to this map through declaration merging in its own file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventMap {}

export type EventName = keyof EventMap & string;

/** One published event as subscribers see it. */
export interface BusEvent<N extends EventName = EventName> {
  name: N;
  payload: EventMap[N];
  at: number;
}

/** The in-process event bus (a later issue relays it across nodes with LISTEN/NOTIFY). */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish<N extends EventName>(name: N, payload: EventMap[N]): void {
    const event: BusEvent<N> = { name, payload, at: Date.now() };
    this.emitter.emit(name, event);
    this.emitter.emit('*', event);
  }

  subscribe<N extends EventName>(name: N, listener: (event: BusEvent<N>) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  subscribeAll(listener: (event: BusEvent) => void): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }
}
