import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { testDialect } from '../../../test/test-db';
import { manualClock } from '../../platform/clock';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import type { ApiLogRecorder } from './api-log.recorder';

const DAY = 86_400_000;
const clock = manualClock(Date.UTC(2026, 10, 26, 12));
let kiana: TestApp;
let admin: SignedIn;
let recorder: ApiLogRecorder;

beforeAll(async () => {
  kiana = await buildTestApp({ clock });
  const found = kiana.modules.find((m) => m.name === 'api-log');
  if (found === undefined || !('recorder' in found)) throw new Error('api-log module missing');
  recorder = found.recorder as ApiLogRecorder;
});
afterAll(async () => {
  await kiana.close();
});

describe(`Graph API call log retention on ${testDialect}`, () => {
  it('purges calls older than the graph_api_logs period and keeps younger ones', async () => {
    const observe = (path: string) =>
      recorder.observe({
        method: 'GET',
        path,
        durationMs: 5,
        httpStatus: 200,
        classification: undefined,
      });
    observe('/v23.0/1/old');
    clock.advance(20 * DAY);
    observe('/v23.0/1/mid');
    clock.advance(15 * DAY); // old is 35 days old, mid 15: the default period is 30 days
    observe('/v23.0/1/young');
    await recorder.flush();
    // Signed in now: a session from 35 days ago would have expired with the clock.
    admin = await userWithRole(kiana, 'admin');

    const run = await kiana.app.inject({
      method: 'POST',
      url: '/api/v1/privacy/purge/runs',
      headers: admin.headers,
      payload: { dryRun: false },
    });
    expect(run.statusCode).toBeLessThan(300);
    expect(run.json()).toMatchObject({ status: 'done', counts: { graph_api_calls: 1 } });
    const left = await kiana.ctx.db.kysely
      .selectFrom('graphApiCalls')
      .select('path')
      .orderBy('path')
      .execute();
    expect(left.map((r) => r.path)).toEqual(['/v23.0/1/mid', '/v23.0/1/young']);
  });
});
