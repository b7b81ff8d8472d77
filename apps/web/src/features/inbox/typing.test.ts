import { describe, expect, it } from 'vitest';
import { applyTyping, typersIn, TYPING_SHOWN_MS, type TypingState } from './typing';

const notice = (userId: string, displayName: string, isTyping = true, conversationId = 'c1') => ({
  conversationId,
  userId,
  displayName,
  isTyping,
});

describe('typing notices', () => {
  it("shows a teammate's notice for a short while, never the agent's own", () => {
    let s: TypingState = new Map();
    s = applyTyping(s, notice('me', 'Me'), 'me', 0);
    s = applyTyping(s, notice('u2', 'Ana'), 'me', 1_000);
    expect(typersIn(s, 'c1', 2_000)).toEqual(['Ana']);
    expect(typersIn(s, 'c2', 2_000)).toEqual([]);
    expect(typersIn(s, 'c1', 1_000 + TYPING_SHOWN_MS)).toEqual([]);
  });

  it('keeps the warning up while notices keep coming, and drops it when they stop', () => {
    let s: TypingState = new Map();
    s = applyTyping(s, notice('u2', 'Ana'), 'me', 0);
    s = applyTyping(s, notice('u3', 'Ben'), 'me', 0);
    s = applyTyping(s, notice('u2', 'Ana'), 'me', 8_000);
    expect(typersIn(s, 'c1', 9_000)).toEqual(['Ana', 'Ben']);
    expect(typersIn(s, 'c1', 12_000)).toEqual(['Ana']);
    s = applyTyping(s, notice('u2', 'Ana', false), 'me', 12_500);
    expect(typersIn(s, 'c1', 12_500)).toEqual([]);
    expect(s.size).toBe(0);
  });
});
