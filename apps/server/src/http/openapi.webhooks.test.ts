import { describe, expect, it } from 'vitest';
import { outgoingEventTypes, outgoingPayloadSchemas } from '@kiana/contracts';
import { outgoingWebhooksDoc } from './openapi.webhooks';

describe('outgoing webhooks in the OpenAPI document', () => {
  it('documents every event type with its signed headers and the fields of its data', () => {
    const doc = outgoingWebhooksDoc() as Record<
      string,
      {
        post: {
          parameters: { name: string }[];
          requestBody: {
            content: {
              'application/json': {
                schema: { properties: { type: { const: string }; data: { required?: string[] } } };
              };
            };
          };
        };
      }
    >;
    expect(Object.keys(doc).sort()).toEqual([...outgoingEventTypes].sort());
    for (const type of outgoingEventTypes) {
      const post = doc[type]?.post;
      expect(post?.parameters.map((p) => p.name)).toContain('kiana-signature');
      const schema = post?.requestBody.content['application/json'].schema;
      expect(schema?.properties.type.const).toBe(type);
      expect(schema?.properties.data.required?.sort()).toEqual(
        Object.keys(outgoingPayloadSchemas[type].shape).sort(),
      );
    }
  });
});
