import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { buildSettings } from '../settings';
import { defaultSeed } from '../state/seed';
import { WebhookSender } from './sender';

// What happens to queued work when the sender is reset or closed: a caller awaiting a
// status's first attempt (the status-before-response fault) is released, never left hanging.

const settings = buildSettings({});
const phone = defaultSeed().phoneNumbers[0]!;
const status = { id: 'wamid.x', status: 'sent' as const, timestamp: '1', recipient_id: '1' };

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A receiver that never answers: the first POST holds the sender's only connection. */
async function silentReceiver(): Promise<string> {
  server = createServer(() => undefined);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function sender(url: string): WebhookSender {
  return new WebhookSender({
    appSecret: 'secret',
    clockFactor: 60,
    webhookUrl: () => url,
    faults: () => settings.faults,
    statuses: () => settings.statuses,
    webhooks: () => settings.webhooks,
    random: Math.random,
    logger: silentLogger,
    concurrency: 1,
    // close() waits for the POST in flight; let it time out quickly.
    timeoutMs: 200,
  });
}

describe('webhook sender', () => {
  it('releases a queued sendStatusNow when reset drops it', async () => {
    const s = sender(await silentReceiver());
    void s.sendStatusNow(phone, status);
    const queued = s.sendStatusNow(phone, status);
    s.reset();
    await expect(queued).resolves.toBeUndefined();
    await s.close();
  });

  it('sends nothing after close and does not leave a caller waiting', async () => {
    const s = sender(await silentReceiver());
    await s.close();
    await expect(s.sendStatusNow(phone, status)).resolves.toBeUndefined();
    s.enqueueStatus(phone, status);
    expect(s.log).toHaveLength(0);
    await expect(s.idle()).resolves.toBeUndefined();
  });
});
