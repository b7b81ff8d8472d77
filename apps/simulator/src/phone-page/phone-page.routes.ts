import type { FastifyInstance } from 'fastify';
import { phonePageHtml } from './phone-page.html';

/** Serves the customer phone page at `/_sim/phone` (and `/` for convenience). */
export function registerPhonePage(app: FastifyInstance): void {
  const send = async (
    _req: unknown,
    reply: { type(t: string): { send(b: string): unknown } },
  ): Promise<unknown> => reply.type('text/html; charset=utf-8').send(phonePageHtml);
  app.get('/_sim/phone', send);
  app.get('/', send);
}
