import { describe, expect, it } from 'vitest';
import { EventBus } from './bus';
import { EventReplayBuffer } from './replay';

const consent = (contactId: string) =>
  ({ contactId, optedOut: true, source: 'keyword', at: 1 }) as const;

describe('the event replay buffer', () => {
  it('numbers events and gives back those after an id, local and relayed alike', () => {
    const bus = new EventBus();
    const replay = new EventReplayBuffer(bus);
    const start = replay.lastId;
    bus.publish('contacts.consent', consent('a'));
    const afterA = replay.lastId;
    bus.deliverRemote({ name: 'contacts.consent', payload: consent('b'), at: Date.now() });
    bus.publish('contacts.consent', consent('c'));
    const fromStart = replay.since(start);
    expect(fromStart.kind).toBe('events');
    if (fromStart.kind !== 'events') return;
    expect(
      fromStart.entries.map((e) => (e.event.payload as { contactId: string }).contactId),
    ).toEqual(['a', 'b', 'c']);
    expect(fromStart.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    const fromA = replay.since(afterA);
    expect(fromA.kind === 'events' && fromA.entries.map((e) => e.seq)).toEqual([2, 3]);
    expect(replay.since(replay.lastId)).toEqual({ kind: 'events', entries: [] });
  });

  it('answers a gap for another stream, a malformed id, an id from the future, or events no longer kept', () => {
    const bus = new EventBus();
    let now = 1_000_000;
    const replay = new EventReplayBuffer(bus, { capacity: 3, maxAgeMs: 60_000, now: () => now });
    const start = replay.lastId;
    expect(replay.since('otherstream.0')).toEqual({ kind: 'gap' });
    expect(replay.since('garbage')).toEqual({ kind: 'gap' });
    expect(replay.since(`${replay.streamId}.99`)).toEqual({ kind: 'gap' });
    for (const id of ['a', 'b', 'c', 'd']) bus.publish('contacts.consent', consent(id));
    // Four events, three kept: the first is lost to a client that saw none of them.
    expect(replay.since(start)).toEqual({ kind: 'gap' });
    expect(replay.since(replay.idOf(1))).toMatchObject({ kind: 'events' });
    // Too old: everything published more than maxAgeMs ago is dropped.
    now = Date.now() + 120_000;
    expect(replay.since(replay.idOf(2))).toEqual({ kind: 'gap' });
    expect(replay.since(replay.lastId)).toEqual({ kind: 'events', entries: [] });
  });

  it('keeps exactly the last `capacity` events however many went through the ring', () => {
    const bus = new EventBus();
    const replay = new EventReplayBuffer(bus, { capacity: 7 });
    for (let n = 1; n <= 1_000; n++) {
      bus.publish('contacts.consent', consent(`c${n}`));
      // Each id still kept gives back exactly the events after it, in order.
      for (const after of [n - 7, n - 3, n - 1]) {
        if (after < 0) continue;
        const missed = replay.since(replay.idOf(after));
        const want = Array.from({ length: n - after }, (_, k) => after + 1 + k);
        expect(missed.kind === 'events' && missed.entries.map((e) => e.seq)).toEqual(want);
      }
      // One further back was dropped: a gap.
      if (n > 8) expect(replay.since(replay.idOf(n - 8))).toEqual({ kind: 'gap' });
    }
  });
});
