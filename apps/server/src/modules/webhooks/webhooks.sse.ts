import type { EventBus } from '../../events/bus';
import type { ZodApp } from '../../http/types';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/v1/events/stream`: the event bus as server-sent events, for signed-in users.
 * Each event is one `data:` line of `{ name, payload, at }`; a comment line every 15 s
 * keeps proxies from closing an idle stream.
 */
export function eventStreamRoutes(app: ZodApp, bus: EventBus): void {
  const open = new Set<() => void>();
  // A stream is never idle, so shutdown would wait for it forever: end them all first.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.get(
    '/events/stream',
    { config: { access: 'authenticated' }, schema: { hide: true }, logLevel: 'warn' },
    async (request, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = bus.subscribeAll((event) => {
        res.write(`event: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const stop = (): void => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
      };
      const end = (): void => {
        stop();
        res.end();
      };
      open.add(end);
      request.raw.on('close', stop);
      res.on('error', stop);
    },
  );
}
