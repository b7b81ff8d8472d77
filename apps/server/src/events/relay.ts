import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { BusEvent, EventBus } from './bus';
import { cacheScopes } from './invalidations';

const CHANNEL = 'kiana_events';
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; events carry ids, not records.
const MAX_PAYLOAD_BYTES = 7_900;
const RECONNECT_MS = [100, 500, 1_000, 2_000, 5_000];

/** One relayed event on the channel; `o` is the origin process, which ignores its own. */
const wireSchema = z.object({ o: z.string(), n: z.string(), p: z.unknown(), a: z.number() });
type Wire = z.infer<typeof wireSchema>;

/**
 * Relays bus events between processes over PostgreSQL LISTEN/NOTIFY on one dedicated
 * connection: every event published here is NOTIFYed, every notification from another
 * process is re-emitted on the local bus. Delivery is best effort (a process that is
 * disconnected misses what was sent meanwhile), which is why only notifications ride it.
 */
export class PgEventRelay {
  private client: pg.Client | undefined;
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private failures = 0;
  private dropped = 0;
  private connectedBefore = false;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      connectionString: string;
      bus: EventBus;
      logger: Logger;
      nodeId: string;
    },
  ) {}

  /** Connects, listens, and starts forwarding local events. */
  async start(): Promise<void> {
    this.unsubscribe = this.deps.bus.onLocalPublish((event) => this.send(event));
    await this.connect();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Events not relayed because they were too large (a bug in the publisher). */
  get droppedCount(): number {
    return this.dropped;
  }

  private async connect(): Promise<void> {
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.deps.connectionString });
      client.on('notification', (msg) => this.receive(msg.payload));
      const lost = (): void => {
        if (this.client !== client) return;
        this.client = undefined;
        this.scheduleReconnect();
      };
      client.on('error', (err) => {
        this.deps.logger.warn({ err }, 'event relay connection failed; reconnecting');
        lost();
      });
      client.on('end', lost);
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      this.client = client;
      this.failures = 0;
      // While the connection was down, other processes' invalidations went by unheard: every
      // process-local cache may be stale, so drop them all here (locally; no one else needs it).
      if (this.connectedBefore) this.dropLocalCaches();
      this.connectedBefore = true;
    })().finally(() => {
      this.connecting = undefined;
    });
    await this.connecting;
  }

  private dropLocalCaches(): void {
    for (const scope of cacheScopes)
      this.deps.bus.deliverRemote({
        name: 'cache.invalidate',
        payload: { scope, id: null },
        at: Date.now(),
      });
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = RECONNECT_MS[Math.min(this.failures, RECONNECT_MS.length - 1)] ?? 5_000;
    this.failures += 1;
    setTimeout(() => {
      if (this.closed) return;
      this.connect().catch((err: unknown) => {
        this.deps.logger.warn({ err }, 'event relay could not reconnect');
        this.scheduleReconnect();
      });
    }, delay).unref();
  }

  private send(event: BusEvent): void {
    const client = this.client;
    if (client === undefined || this.closed) return;
    const wire: Wire = { o: this.deps.nodeId, n: event.name, p: event.payload, a: event.at };
    const text = JSON.stringify(wire);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      this.dropped += 1;
      this.deps.logger.warn({ event: event.name }, 'event too large to relay; publish ids only');
      return;
    }
    client.query('select pg_notify($1, $2)', [CHANNEL, text]).catch((err: unknown) => {
      this.deps.logger.warn({ err, event: event.name }, 'could not relay an event');
    });
  }

  private receive(payload: string | undefined): void {
    if (payload === undefined) return;
    let wire: Wire;
    try {
      wire = wireSchema.parse(JSON.parse(payload));
    } catch {
      return; // not one of ours: another program may NOTIFY on the channel
    }
    if (wire.o === this.deps.nodeId) return;
    this.deps.bus.deliverRemote({ name: wire.n, payload: wire.p, at: wire.a } as BusEvent);
  }
}
