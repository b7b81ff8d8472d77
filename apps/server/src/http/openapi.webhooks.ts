import { z } from 'zod';
import {
  outgoingEventTypes,
  outgoingPayloadSchemas,
  outgoingReplayWindowMs,
  outgoingSignatureHeaders as H,
} from '@kiana/contracts';

const header = (description: string) => ({
  required: true,
  description,
  schema: { type: 'string' },
});

/**
 * The `webhooks` of the OpenAPI 3.1 document: what each outgoing webhook delivery posts to
 * a registered endpoint, one entry per event type, its `data` from the contracts' schema.
 */
export function outgoingWebhooksDoc(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of outgoingEventTypes) {
    const body = z.object({
      id: z
        .string()
        .describe('The event id: the same on every retry and replay; deduplicate on it'),
      type: z.literal(type),
      time: z.iso.datetime(),
      data: outgoingPayloadSchemas[type],
    });
    const { $schema: _ignored, ...schema } = z.toJSONSchema(body, { io: 'output' });
    out[type] = {
      post: {
        operationId: `outgoing_${type.replace('.', '_')}`,
        tags: ['Outgoing webhooks'],
        summary: `The ${type} event`,
        parameters: [
          {
            in: 'header',
            name: H.signature,
            ...header(
              '`sha256=` and the hex HMAC-SHA256, with the endpoint secret, of `${Kiana-Timestamp}.${raw body}`',
            ),
          },
          {
            in: 'header',
            name: H.timestamp,
            ...header(
              `Epoch seconds of the attempt; refuse one more than ${outgoingReplayWindowMs / 60_000} minutes from your clock`,
            ),
          },
          { in: 'header', name: H.eventId, ...header('The event id (as `id` in the body)') },
          { in: 'header', name: H.eventType, ...header('The event type (as `type`)') },
        ],
        requestBody: { required: true, content: { 'application/json': { schema } } },
        responses: {
          '200': {
            description:
              'Any 2xx acknowledges the delivery; anything else (or no answer in 10 s) is retried with exponential back-off for up to 24 h',
          },
        },
      },
    };
  }
  return out;
}
