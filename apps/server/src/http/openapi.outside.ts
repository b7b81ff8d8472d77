/**
 * The answers of the routes outside `/api/v1`, which carry no zod response schema: Meta's
 * webhook receiver (plain text and JSON errors), the public legal pages (HTML, with HTML
 * error pages in the visitor's language) and the health probes. Keyed `METHOD /path` as in
 * the document; `openapi.int.test.ts` calls each and fails on an answer not listed here.
 */
const ERROR = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' } } },
});
const text = (description: string, example?: string) => ({
  description,
  content: {
    'text/plain': { schema: { type: 'string' }, ...(example === undefined ? {} : { example }) },
  },
});
const error = (description: string) => ({ description, content: ERROR });
const htmlErrors = {
  '429': html('Too many requests, as a page'),
  '500': html('Unexpected error, as a page'),
};
const bodyErrors = {
  '400': error('The body is not valid'),
  '413': error('The body is too large'),
  '415': error('Unsupported content type'),
};

type Responses = Record<string, { description: string; content?: Record<string, unknown> }>;

export const outsideApiResponses: Record<string, Responses> = {
  'GET /webhooks/whatsapp': {
    '200': text('The `hub.challenge` echoed back: Meta verifies the callback URL', '1158201444'),
    '403': error('`hub.verify_token` does not match'),
    '500': error('Unexpected error'),
  },
  'POST /webhooks/whatsapp': {
    '200': text('Stored; Meta must not retry', 'EVENT_RECEIVED'),
    ...bodyErrors,
    '401': error('`X-Hub-Signature-256` missing or wrong'),
    '500': error('Unexpected error'),
    '503': error('Not stored; Meta retries'),
  },
  'GET /legal/assets/legal.css': {
    '200': { description: 'Stylesheet', content: { 'text/css': { schema: { type: 'string' } } } },
  },
  'GET /legal': { '200': html('Index of the legal pages'), ...htmlErrors },
  'GET /legal/{page}': {
    '200': html('A legal page'),
    '404': html('No such page or version'),
    ...htmlErrors,
  },
  'POST /legal/data-deletion': {
    '303': { description: 'Opened: redirects to the request status page' },
    '400': html('The form again, naming the field to fix'),
    '413': html('The form is too large'),
    '415': html('Unsupported content type'),
    ...htmlErrors,
  },
  'GET /legal/data-deletion/status/{code}': {
    '200': html('Status of a deletion request'),
    '400': html('Malformed code'),
    '404': html('No such request'),
    ...htmlErrors,
  },
  'POST /legal/data-deletion/callback': {
    '200': {
      description: "Meta's Data Deletion Request Callback answer",
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { url: { type: 'string' }, confirmation_code: { type: 'string' } },
            required: ['url', 'confirmation_code'],
          },
        },
      },
    },
    ...bodyErrors,
    '429': error('Too many requests'),
    '500': error('Unexpected error'),
  },
  'GET /metrics': {
    '200': {
      description: 'Prometheus text exposition (format 0.0.4) of the process and panel metrics',
      content: {
        'text/plain': {
          schema: { type: 'string' },
          example: '# TYPE kiana_messages_sent_total counter\nkiana_messages_sent_total 42\n',
        },
      },
    },
    '401': error('Bearer token missing or wrong (Settings → Metrics)'),
    '403': error('The caller address is outside the allow-list'),
    '500': error('Unexpected error'),
  },
};
