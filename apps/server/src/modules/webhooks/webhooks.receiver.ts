import type { FastifyInstance } from 'fastify';
import type { WebhooksService } from './webhooks.service';
import { clientAddress } from '../../http/client-address';

/** Meta's payloads are a few KB; a megabyte leaves room for large status batches. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * `GET/POST /webhooks/whatsapp`, outside /api/v1: Meta calls it, not a signed-in user.
 * The body is taken as raw bytes because the signature covers exactly those bytes
 * (NOTES §3.3); re-serialised JSON would not verify. Request logging is off on this hot
 * path (route log level `warn`); failures still log.
 */
export async function webhookReceiverRoutes(
  app: FastifyInstance,
  service: WebhooksService,
): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_req, body, done) => {
        done(null, body);
      },
    );

    scope.get('/webhooks/whatsapp', { logLevel: 'warn' }, async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
      const challenge = await service.handshake({
        mode: text(q['hub.mode']),
        token: text(q['hub.verify_token']),
        challenge: text(q['hub.challenge']),
      });
      if (challenge === null) {
        return reply.code(403).send({
          code: 'verification_failed',
          message: 'Verify token does not match',
          requestId: String(request.id),
        });
      }
      return reply.type('text/plain; charset=utf-8').send(challenge);
    });

    scope.post(
      '/webhooks/whatsapp',
      { logLevel: 'warn', bodyLimit: WEBHOOK_BODY_LIMIT },
      async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers['x-hub-signature-256'];
        const result = await service.receive(raw, typeof header === 'string' ? header : undefined, {
          ip: clientAddress(request),
          userAgent: request.headers['user-agent'] ?? null,
        });
        if (result.status === 401) {
          return reply.code(401).send({
            code: 'invalid_signature',
            message: 'X-Hub-Signature-256 is missing or wrong',
            requestId: String(request.id),
          });
        }
        if (result.status === 503) {
          return reply
            .code(503)
            .header('retry-after', '5')
            .send({ code: 'not_stored', message: 'Try again', requestId: String(request.id) });
        }
        return reply.code(200).send('EVENT_RECEIVED');
      },
    );
  });
}
