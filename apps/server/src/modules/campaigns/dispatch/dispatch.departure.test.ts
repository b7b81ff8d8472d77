import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../platform/clock';
import { writtenAt } from './dispatch.departure';

/** Keeps the event loop busy for `ms`, as long I/O callbacks of the poll phase do. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('writtenAt', () => {
  let server: http.Server;
  let pool: Pool;
  let origin: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{}'));
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    pool = new Pool(origin, { connections: 1, pipelining: 1 });
    // The socket used once and idle: the case of every send after the first.
    await (await pool.request({ path: '/', method: 'POST', body: '{}' })).body.dump();
  });

  afterAll(async () => {
    await pool.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('dates a send at the check phase that writes it, after the work before that phase, and resolves after the write', async () => {
    const writes: number[] = [];
    const onHeaders = () => writes.push(systemClock.now());
    diagnostics.subscribe('undici:client:sendHeaders', onHeaders);
    const firedAt = systemClock.now();
    // As the dispatcher fires: the request reaches undici in a microtask, after this call.
    const request = Promise.resolve().then(() =>
      pool.request({ path: '/', method: 'POST', body: '{}' }).then((r) => r.body.dump()),
    );
    const writesWhenResolved: number[] = [];
    const dated = writtenAt(systemClock).then((at) => {
      writesWhenResolved.push(writes.length);
      return at;
    });
    // The rest of the turn: the poll phase's other callbacks (webhooks taken in, answers).
    busy(60);
    const at = await dated;
    await request;
    diagnostics.unsubscribe('undici:client:sendHeaders', onHeaders);

    expect(writes).toHaveLength(1);
    const written = writes[0] as number;
    // Not the time of the fire: the turn's 60 ms came between it and the write.
    expect(written - firedAt).toBeGreaterThanOrEqual(55);
    expect(at - firedAt).toBeGreaterThanOrEqual(55);
    expect(Math.abs(written - at)).toBeLessThanOrEqual(5);
    // The caller resumes only once the request is written.
    expect(writesWhenResolved).toEqual([1]);
  });
});
