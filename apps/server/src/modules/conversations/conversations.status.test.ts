import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyStatus,
  applyStatuses,
  initialStatusState,
  type StatusEvent,
} from './conversations.status';

const error = { code: 131047, title: 'Re-engagement message', message: null, details: null };
const pricing = { model: 'PMP', category: 'marketing', type: 'regular', billable: true };

describe('the status state machine', () => {
  it('advances sent → delivered → read and records each time', () => {
    const s = applyStatuses(initialStatusState(), [
      { status: 'sent', at: 1000 },
      { status: 'delivered', at: 2000 },
      { status: 'read', at: 3000 },
    ]);
    expect(s).toMatchObject({ status: 'read', sentAt: 1000, deliveredAt: 2000, readAt: 3000 });
  });

  it('never moves backwards when delivered arrives after read', () => {
    const s = applyStatuses(initialStatusState(), [
      { status: 'read', at: 3000 },
      { status: 'delivered', at: 2000 },
    ]);
    expect(s.status).toBe('read');
    expect(s.deliveredAt).toBe(2000);
  });

  it('fills delivered (and sent) when read arrives without delivered', () => {
    const s = applyStatus(initialStatusState(), { status: 'read', at: 5000 });
    expect(s).toMatchObject({ status: 'read', sentAt: 5000, deliveredAt: 5000, readAt: 5000 });
  });

  it('keeps failed terminal with its error, even when sent arrives later', () => {
    const s = applyStatuses(initialStatusState(), [
      { status: 'failed', at: 2000, error },
      { status: 'sent', at: 1000, pricing },
    ]);
    expect(s.status).toBe('failed');
    expect(s.error).toEqual(error);
    expect(s.sentAt).toBe(1000);
    expect(s.pricing).toEqual(pricing);
  });

  it('treats played as beyond read', () => {
    const s = applyStatuses(initialStatusState(), [
      { status: 'played', at: 4000 },
      { status: 'read', at: 3000 },
    ]);
    expect(s.status).toBe('played');
    expect(s.readAt).toBe(3000);
  });

  it('reaches the in-order state whatever the order and duplication of events (property)', () => {
    const statusArb = fc.constantFrom<StatusEvent['status']>(
      'sent',
      'delivered',
      'read',
      'played',
      'failed',
    );
    // A message's events in their natural order: a prefix of the lifecycle, maybe a failure.
    const messageArb = fc
      .record({
        steps: fc.integer({ min: 1, max: 4 }),
        fails: fc.boolean(),
        skipDelivered: fc.boolean(),
        start: fc.integer({ min: 1_700_000_000, max: 1_800_000_000 }),
        withPricing: fc.boolean(),
        extra: fc.array(statusArb, { maxLength: 2 }),
      })
      .map(({ steps, fails, skipDelivered, start, withPricing, extra }) => {
        const order = ['sent', 'delivered', 'read', 'played'] as const;
        const events: StatusEvent[] = [];
        for (let i = 0; i < steps; i += 1) {
          const status = order[i] ?? 'sent';
          if (status === 'delivered' && skipDelivered) continue;
          events.push({
            status,
            at: (start + i) * 1000,
            pricing: withPricing && status !== 'played' ? pricing : null,
            conversation:
              status === 'sent'
                ? { id: 'c1', origin: 'marketing', expiresAt: start * 1000 + 86_400_000 }
                : null,
          });
        }
        if (fails) events.push({ status: 'failed', at: (start + steps) * 1000, error });
        for (const s of extra)
          events.push({ status: s, at: (start + 9) * 1000, error: s === 'failed' ? error : null });
        return events;
      });
    fc.assert(
      fc.property(
        fc.array(messageArb, { minLength: 1, maxLength: 30 }),
        fc.integer(),
        fc.array(fc.nat(), { maxLength: 40 }),
        (messages, seed, dupPicks) => {
          const tagged = messages.flatMap((events, m) => events.map((e) => ({ m, e })));
          const inOrder = messages.map((events) => applyStatuses(initialStatusState(), events));
          // Duplicate some events, then shuffle deterministically from the seed.
          const delivered = [...tagged];
          for (const pick of dupPicks) {
            const d = tagged[pick % tagged.length];
            if (d !== undefined) delivered.push(d);
          }
          const shuffled =
            fc.sample(fc.shuffledSubarray(delivered, { minLength: delivered.length }), {
              seed,
              numRuns: 1,
            })[0] ?? delivered;
          const states = messages.map(() => initialStatusState());
          for (const { m, e } of shuffled)
            states[m] = applyStatus(states[m] ?? initialStatusState(), e);
          expect(states).toEqual(inOrder);
        },
      ),
      { numRuns: 300 },
    );
  });
});
