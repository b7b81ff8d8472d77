import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphClient } from './graph.client';
import type { GraphApiError } from './graph.errors';
import { classifyNetworkError } from './graph.network';

// Real sockets on loopback: the failure modes MockAgent can only imitate.
const servers: Server[] = [];
const clients: GraphClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(baseUrl: string) {
  const c = new GraphClient({
    baseUrl,
    timeouts: { connectMs: 1_000, headersMs: 300, bodyMs: 300 },
  });
  clients.push(c);
  return c.forAccount({ accessToken: 'tok', apiVersion: 'v23.0' });
}

const text = { to: '15550003333', type: 'text' as const, text: { body: 'hi' } };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as GraphApiError,
  );

describe('transport failures on real sockets', () => {
  it('a request refused before it left (a header with a control character) is not an unknown outcome', async () => {
    let received = 0;
    const url = await serve((_req, res) => {
      received += 1;
      res.end('{}');
    });
    const c = new GraphClient({
      baseUrl: url,
      timeouts: { connectMs: 1_000, headersMs: 300, bodyMs: 300 },
    });
    clients.push(c);
    for (const accessToken of ['tok\u0007en', 'tok\nen']) {
      const api = c.forAccount({ accessToken, apiVersion: 'v23.0' });
      const err = await failure(api.sendMessage('1', text));
      expect(err).toMatchObject({ classification: 'permanent', source: 'network' });
      expect(err?.message).toMatch(/before sending/);
    }
    expect(received).toBe(0);
    // undici's own refusals of a request it will not write.
    for (const code of ['UND_ERR_INVALID_ARG', 'ERR_INVALID_CHAR'])
      expect(classifyNetworkError(Object.assign(new Error('refused'), { code }))).toBe('permanent');
  });

  it('connection refused (nothing left this process) is retryable', async () => {
    const url = await serve(() => undefined);
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    const err = await failure(client(url).sendMessage('1', text));
    expect(err).toMatchObject({ classification: 'retryable', source: 'network' });
  });

  it('a reset after the request was received is an unknown outcome', async () => {
    let received = 0;
    const url = await serve((req) => {
      received += 1;
      req.socket.destroy();
    });
    const err = await failure(client(url).sendMessage('1', text));
    expect(received).toBe(1);
    expect(err).toMatchObject({
      classification: 'unknown-outcome',
      source: 'network',
      isRetrySafe: false,
    });
  });

  it('no answer within the headers timeout is an unknown outcome', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const err = await failure(client(url).sendMessage('1', text));
    expect(err).toMatchObject({ classification: 'unknown-outcome' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a body that stalls mid-way is an unknown outcome', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"messaging_product":"whats');
    });
    const err = await failure(client(url).sendMessage('1', text));
    expect(err).toMatchObject({ classification: 'unknown-outcome' });
  });

  it('a reset on a read leaves the call safe to retry', async () => {
    const url = await serve((req) => req.socket.destroy());
    const err = await failure(client(url).getWaba('2'));
    expect(err).toMatchObject({ classification: 'unknown-outcome', isRetrySafe: true });
  });

  it('uploads real multipart bytes with a boundary', async () => {
    let contentType = '';
    let raw = '';
    const url = await serve((req, res) => {
      contentType = req.headers['content-type'] ?? '';
      req.setEncoding('latin1');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"m1"}');
      });
    });
    const res = await client(url).uploadMedia('1', {
      data: Buffer.from('PDFDATA'),
      mimeType: 'application/pdf',
      filename: 'x.pdf',
    });
    expect(res.id).toBe('m1');
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(raw).toContain('name="file"; filename="x.pdf"');
    expect(raw).toContain('PDFDATA');
    expect(raw).toContain('name="messaging_product"');
  });
});
