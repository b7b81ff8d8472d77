import { describe, expect, it } from 'vitest';
import { isWindowOpen, serviceWindowOf } from './conversations.window';

const DAY = 24 * 60 * 60 * 1000;
const wrote = 1_767_225_600_000;

describe('the customer service window', () => {
  it('is open until 24 h after the customer wrote, and closed from that instant on', () => {
    const c = { windowExpiresAt: wrote + DAY };
    expect(isWindowOpen(c, wrote)).toBe(true);
    expect(isWindowOpen(c, wrote + DAY - 1)).toBe(true);
    expect(isWindowOpen(c, wrote + DAY)).toBe(false);
    expect(isWindowOpen(c, wrote + DAY + 1000)).toBe(false);
  });

  it('is closed when the customer never wrote', () => {
    expect(serviceWindowOf({ windowExpiresAt: null }, wrote)).toEqual({
      open: false,
      expiresAt: null,
    });
  });
});
