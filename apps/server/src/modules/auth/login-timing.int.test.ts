import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { authOf, TEST_ORIGIN } from './auth.testkit';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

describe(`sign-in timing on ${testDialect}`, () => {
  let t: TestApp;
  const known: string[] = [];
  beforeAll(async () => {
    t = await buildTestApp({ logLevel: 'silent' });
    for (let i = 0; i < 9; i++) {
      const username = `timing-user-${i}`;
      await authOf(t).users.create(
        { username, password: 'correct horse battery staple', role: 'viewer' },
        { actor: { type: 'system' }, ip: null, userAgent: null, role: 'system' },
      );
      known.push(username);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a wrong username and a wrong password alike, in the same time', async () => {
    const attempt = async (username: string, i: number) => {
      const started = process.hrtime.bigint();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        // A fresh address and username each time, so throttling never enters the picture.
        headers: { origin: TEST_ORIGIN },
        remoteAddress: `198.51.100.${i + 1}`,
        payload: { username, password: 'wrong password entirely' },
      });
      return {
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        status: res.statusCode,
        body: res.json<{ code: string; message: string }>(),
      };
    };
    const unknown: number[] = [];
    const wrongPassword: number[] = [];
    for (let i = 0; i < known.length; i++) {
      // Interleaved so that background load hits both kinds alike.
      const a = await attempt(`nobody-${i}`, i * 2);
      const b = await attempt(known[i] ?? '', i * 2 + 1);
      expect(a.status).toBe(401);
      expect(b.status).toBe(401);
      expect(a.body.code).toBe(b.body.code);
      expect(a.body.message).toBe(b.body.message);
      unknown.push(a.ms);
      wrongPassword.push(b.ms);
    }
    // Both paths verify an argon2id hash (tens of ms); a shortcut for unknown names would
    // answer in about a millisecond and fall far outside this band.
    const ratio = median(unknown) / median(wrongPassword);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
