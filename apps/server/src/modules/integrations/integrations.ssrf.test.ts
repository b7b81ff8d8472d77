import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowList, isForbiddenAddress } from './integrations.ssrf';
import { createOutgoingTransport } from './integrations.transport';
import { deliveryBackoffMs } from './integrations.deliver';

describe('the outgoing webhook address guard', () => {
  const none = allowList([]);

  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.9.9',
    '192.168.1.1',
    '169.254.169.254',
    '100.100.100.200',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::7f00:1',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address, none)).toBe(true);
  });

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8'])(
    'lets %s through',
    (address) => {
      expect(isForbiddenAddress(address, none)).toBe(false);
    },
  );

  it('lets an allowed range through, and only it', () => {
    const allowed = allowList(['127.0.0.1/32', 'fd00::/8']);
    expect(isForbiddenAddress('127.0.0.1', allowed)).toBe(false);
    expect(isForbiddenAddress('fd12::1', allowed)).toBe(false);
    expect(isForbiddenAddress('127.0.0.2', allowed)).toBe(true);
    expect(isForbiddenAddress('10.0.0.1', allowed)).toBe(true);
  });

  it('backs off exponentially with jitter, capped at two hours', () => {
    expect(deliveryBackoffMs(1, () => 0.5)).toBe(30_000);
    expect(deliveryBackoffMs(3, () => 0.5)).toBe(120_000);
    expect(deliveryBackoffMs(20, () => 0.5)).toBe(7_200_000);
    expect(deliveryBackoffMs(1, () => 0)).toBe(24_000);
  });
});

describe('the connect-time check', () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // A name that resolves to loopback at connect time (as a rebinding DNS answer would) is
  // refused by the dispatcher itself, whatever was checked before.
  it('refuses a host name that resolves to loopback when connecting, unless allowed', async () => {
    let allowed = allowList([]);
    const transport = createOutgoingTransport(() => allowed);
    const input = {
      url: `http://localhost:${port}/`,
      secret: 's',
      eventId: 'e',
      eventType: 't',
      body: '{}',
      nowMs: Date.now(),
    };
    const refused = await transport.post(input);
    expect(refused.httpStatus).toBeNull();
    expect(refused.error).toMatch(/private or reserved/);
    expect(hits).toBe(0);
    allowed = allowList(['127.0.0.1', '::1']);
    const ok = await transport.post(input);
    expect(ok.httpStatus).toBe(200);
    expect(hits).toBe(1);
    await transport.close();
  });
});
