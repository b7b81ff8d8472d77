import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/executor';
import type { Logger } from '../../logger';
import type { Clock } from '../../platform/clock';
import type { BackgroundWork } from '../../platform/background';
import type { GraphCallEvent } from '../../whatsapp/graph.transport';
import { accountsByGraphId, insertCalls, type NewGraphApiCall } from './api-log.repo';

export interface ApiLogRecorderOptions {
  /** Longest time a call waits in memory before its batch is written. */
  flushMs?: number;
  /** A batch this large is written at once. */
  batchSize?: number;
  /** Most calls held in memory; beyond it the oldest are dropped (and counted). */
  maxBuffered?: number;
}

/** The buffered writer of the Graph API call log. */
export interface ApiLogRecorder {
  /** The Graph client's observer: synchronous and cheap, so it never slows a send. */
  observe: (event: GraphCallEvent) => void;
  /** Calls dropped because the buffer overflowed (or a write failed) since start. */
  dropped(): number;
  /** Writes everything buffered now and waits for it (tests, shutdown). */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left; the database must still be open. */
  close(): Promise<void>;
}

/** Version segment of a Graph path: the id after it is the node the call is about. */
const versioned = /\/v\d+\.\d+\/([^/]+)/;

/**
 * Buffers observed calls and writes them in batches through BackgroundWork, so a send
 * never waits on the log's database write and shutdown drains the writes in flight.
 */
export function createApiLogRecorder(
  deps: { db: Executor; logger: Logger; clock: Clock; background: BackgroundWork },
  options: ApiLogRecorderOptions = {},
): ApiLogRecorder {
  const flushMs = options.flushMs ?? 250;
  const batchSize = options.batchSize ?? 200;
  const maxBuffered = options.maxBuffered ?? 10_000;
  let buffer: NewGraphApiCall[] = [];
  let dropped = 0;
  let droppedUnreported = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  function observe(event: GraphCallEvent): void {
    const durationMs = Math.max(0, Math.round(event.durationMs));
    buffer.push({
      id: randomUUID(),
      at: deps.clock.now() - durationMs,
      accountId: event.accountId ?? null,
      phoneNumberId: event.phoneNumberId ?? null,
      method: event.method,
      path: event.path,
      note: event.note ?? null,
      httpStatus: event.httpStatus ?? null,
      ok: event.classification === undefined ? 1 : 0,
      classification: event.classification ?? null,
      errorCode: event.metaCode ?? null,
      errorSubcode: event.metaSubcode ?? null,
      durationMs,
      fbtraceId: event.fbtraceId ?? null,
    });
    if (buffer.length > maxBuffered) {
      const excess = buffer.length - maxBuffered;
      buffer.splice(0, excess);
      dropped += excess;
      droppedUnreported += excess;
    }
    if (buffer.length >= batchSize) schedule(0);
    else schedule(flushMs);
  }

  function schedule(delayMs: number): void {
    if (timer !== undefined && delayMs > 0) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // One writer at a time: batches land in order and SQLite sees one insert at once.
      if (deps.background.isClosed) return; // close() writes the rest
      deps.background.run('api-log.flush', () => (inFlight = inFlight.then(writeAll)));
    }, delayMs);
    timer.unref();
  }

  async function writeAll(): Promise<void> {
    if (droppedUnreported > 0) {
      deps.logger.warn(
        { dropped: droppedUnreported, total: dropped },
        'Graph API call log buffer full: oldest calls dropped',
      );
      droppedUnreported = 0;
    }
    while (buffer.length > 0) {
      const batch = buffer.slice(0, batchSize);
      buffer = buffer.slice(batch.length);
      try {
        await insertCalls(deps.db, await withAccounts(batch));
      } catch (err) {
        // A lost log batch must not become a retry loop that grows the buffer further.
        dropped += batch.length;
        deps.logger.error({ err, rows: batch.length }, 'Graph API call log write failed');
      }
    }
  }

  /** Names the account and number of calls whose path starts at a known number or WABA. */
  async function withAccounts(batch: NewGraphApiCall[]): Promise<NewGraphApiCall[]> {
    const nodeOf = (row: NewGraphApiCall) => versioned.exec(row.path)?.[1];
    const ids = new Set<string>();
    for (const row of batch) {
      const node = nodeOf(row);
      if (node !== undefined && /^\d+$/.test(node)) ids.add(node);
    }
    const { phones, wabas } = await accountsByGraphId(deps.db, [...ids]);
    return batch.map((row) => {
      const node = nodeOf(row) ?? '';
      const phoneAccount = phones.get(node);
      const phoneNumberId = row.phoneNumberId ?? (phoneAccount === undefined ? null : node);
      const accountId =
        row.accountId ??
        phoneAccount ??
        wabas.get(node) ??
        (phoneNumberId === null ? undefined : phones.get(phoneNumberId)) ??
        null;
      return { ...row, phoneNumberId, accountId };
    });
  }

  async function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    inFlight = inFlight.then(writeAll);
    await inFlight;
  }

  return {
    observe,
    dropped: () => dropped,
    flush,
    close: flush,
  };
}
