import { randomBytes } from 'node:crypto';
import type { BusEvent, EventBus } from './bus';

/** One event as the stream sends it: its place in this process's sequence, and the event. */
export interface ReplayEntry {
  seq: number;
  event: BusEvent;
}

/** What a reconnecting client missed: the events after its last id, or a gap to refetch over. */
export type Missed = { kind: 'events'; entries: ReplayEntry[] } | { kind: 'gap' };

const DEFAULT_CAPACITY = 5_000;
const DEFAULT_MAX_AGE_MS = 10 * 60_000;

/**
 * The recent events of this process (its own and those relayed from others), numbered, so
 * that an event-stream client reconnecting with `Last-Event-ID` is sent what it missed.
 * Ids are `<stream>.<seq>`: the stream id changes when the process restarts, and an id from
 * another stream, or one older than what is kept (a bounded ring: count and age), is a gap
 * the client must fill by refetching. Events are notifications (ids, not records), so a
 * few thousand cost little memory.
 */
export class EventReplayBuffer {
  readonly streamId = randomBytes(6).toString('hex');
  /** Kept entries are `entries[start..]`; the dropped head is cut off in one splice now and then. */
  private readonly entries: ReplayEntry[] = [];
  private start = 0;
  private seq = 0;
  private readonly listeners = new Set<(entry: ReplayEntry) => void>();

  constructor(
    bus: EventBus,
    private readonly options: { capacity?: number; maxAgeMs?: number; now?: () => number } = {},
  ) {
    bus.subscribeAll((event) => this.record(event));
  }

  /** The id of the latest event (`<stream>.0` before any). */
  get lastId(): string {
    return this.idOf(this.seq);
  }

  idOf(seq: number): string {
    return `${this.streamId}.${seq}`;
  }

  /** Sees every event after it is numbered. */
  subscribe(listener: (entry: ReplayEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events after `lastEventId`, or a gap when they are not all here any more. */
  since(lastEventId: string): Missed {
    const [stream, seqText] = lastEventId.trim().split('.');
    const after = Number(seqText);
    if (stream !== this.streamId || !Number.isSafeInteger(after) || after < 0 || after > this.seq)
      return { kind: 'gap' };
    this.expire();
    const oldest = this.entries[this.start]?.seq ?? this.seq + 1;
    // Events after `after` were dropped from the ring: the client cannot be made whole.
    if (after + 1 < oldest && after < this.seq) return { kind: 'gap' };
    // Sequence numbers are consecutive: the first entry after `after` is found by offset.
    const from = this.start + Math.max(0, after + 1 - oldest);
    return { kind: 'events', entries: this.entries.slice(from) };
  }

  private record(event: BusEvent): void {
    this.seq += 1;
    const entry = { seq: this.seq, event };
    this.entries.push(entry);
    this.expire();
    for (const listener of this.listeners) listener(entry);
  }

  /**
   * Drops what is past the count or the age. The head moves by an index, and the array is cut
   * only once a capacity's worth is dead: cutting one entry at every event (a full ring, at a
   * campaign's rate) moved the whole array each time.
   */
  private expire(): void {
    const capacity = this.options.capacity ?? DEFAULT_CAPACITY;
    const oldestKept =
      (this.options.now ?? Date.now)() - (this.options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
    let start = Math.max(this.start, this.entries.length - capacity);
    while (start < this.entries.length && (this.entries[start]?.event.at ?? 0) < oldestKept)
      start++;
    this.start = start;
    if (this.start >= capacity || this.start === this.entries.length) {
      this.entries.splice(0, this.start);
      this.start = 0;
    }
  }
}
