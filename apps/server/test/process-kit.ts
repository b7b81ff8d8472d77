import net from 'node:net';
import path from 'node:path';

/** The `kiana` command, for tests that run the server as a real process. */
export const kianaBin = path.resolve(import.meta.dirname, '../bin/kiana.js');

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `<baseUrl>/readyz` until it answers 200; throws after `timeoutMs`. */
export async function waitReady(baseUrl: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl} did not become ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
