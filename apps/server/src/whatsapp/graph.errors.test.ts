import { afterEach, describe, expect, it } from 'vitest';
import { errors as undiciErrors } from 'undici';
import { AppError } from '../errors';
import { GraphApiError } from './graph.errors';
import type { GraphErrorClass } from './graph.classify';
import { metaError, mockGraph, PHONE, TOKEN, WABA } from './graph.test-support';

let mock = mockGraph();
afterEach(async () => {
  await mock.client.close();
  mock = mockGraph();
});

const text = { to: '15550003333', type: 'text' as const, text: { body: 'hi' } };
const sendPath = `/v23.0/${PHONE}/messages`;

/** Sends one text message and returns the GraphApiError it must fail with. */
async function sendFailing(): Promise<GraphApiError> {
  const err = await mock.api.sendMessage(PHONE, text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphApiError);
  return err as GraphApiError;
}

// Meta's envelopes with the HTTP statuses Meta (or its mirrors) use for them (NOTES.md §2.3).
const envelopeCases: [GraphErrorClass, number, number][] = [
  ['retryable', 131000, 500],
  ['retryable', 2, 503],
  ['retryable', 1, 500],
  ['retryable', 131016, 503],
  ['throttled', 130429, 429],
  ['throttled', 80007, 400],
  ['throttled', 4, 400],
  ['pair-limited', 131056, 400],
  ['window-closed', 131047, 400],
  ['spam-quality', 131048, 400],
  ['spam-quality', 131049, 400],
  ['spam-quality', 131050, 400],
  ['permanent', 131026, 400],
  ['permanent', 131021, 400],
  ['permanent', 132001, 404],
  ['permanent', 132000, 400],
  ['permanent', 100, 400],
  ['auth', 190, 401],
  ['auth', 10, 403],
  ['auth', 200, 403],
];

describe('Graph error envelopes through the client', () => {
  it.each(envelopeCases)('%s: code %i (HTTP %i)', async (cls, code, status) => {
    mock.pool.intercept({ path: sendPath, method: 'POST' }).reply(status, metaError(code));
    const err = await sendFailing();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      classification: cls,
      source: 'graph',
      metaCode: code,
      httpStatus: status,
      title: `Something about ${code}`,
      metaDetails: `details of ${code}`,
      fbtraceId: `trace-${code}`,
      code: 'graph_api_error',
      status: 502,
    });
    expect(err.details).toMatchObject({ classification: cls, metaCode: code });
  });

  it('keeps subcode, user title and string error_data (template-management quirk)', async () => {
    mock.pool.intercept({ path: sendPath, method: 'POST' }).reply(
      400,
      metaError(131056, {
        error_subcode: '2494071',
        error_data: 'plain string details',
        error_user_title: 'Pair limit',
      }),
    );
    const err = await sendFailing();
    expect(err).toMatchObject({
      metaSubcode: 2494071,
      metaDetails: 'plain string details',
      title: 'Pair limit',
    });
  });

  it('reads the wait Meta asks for from x-business-use-case-usage', async () => {
    const usage = JSON.stringify({
      [WABA]: [
        {
          type: 'whatsapp_business_management',
          call_count: 100,
          estimated_time_to_regain_access: 7,
        },
      ],
    });
    mock.pool
      .intercept({ path: `/v23.0/${WABA}?fields=name`, method: 'GET' })
      .reply(400, metaError(80007, { is_transient: true }), {
        headers: { 'x-business-use-case-usage': usage },
      });
    const err = (await mock.api.getWaba(WABA, ['name']).catch((e: unknown) => e)) as GraphApiError;
    expect(err).toMatchObject({
      classification: 'throttled',
      retryAfterSeconds: 420,
      isRetrySafe: true,
    });
  });

  it('classifies a 5xx without an envelope as retryable', async () => {
    mock.pool.intercept({ path: sendPath, method: 'POST' }).reply(502, '<html>Bad Gateway</html>');
    expect(await sendFailing()).toMatchObject({
      classification: 'retryable',
      source: 'response',
      httpStatus: 502,
    });
  });

  it('treats an unreadable 200 to a send as an unknown outcome, never as a failure to repeat', async () => {
    mock.pool.intercept({ path: sendPath, method: 'POST' }).reply(200, '{"messages":[]}');
    const err = await sendFailing();
    expect(err).toMatchObject({
      classification: 'unknown-outcome',
      source: 'response',
      isRetrySafe: false,
    });
  });
});

describe('network failures through the client', () => {
  it('connection refused before sending is retryable', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    mock.pool.intercept({ path: sendPath, method: 'POST' }).replyWithError(refused);
    expect(await sendFailing()).toMatchObject({
      classification: 'retryable',
      source: 'network',
      isRetrySafe: true,
    });
  });

  it.each([
    ['socket closed', new undiciErrors.SocketError('other side closed')],
    ['headers timeout', new undiciErrors.HeadersTimeoutError()],
    ['body timeout', new undiciErrors.BodyTimeoutError()],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ])(
    '%s after sending is an unknown outcome that must not be retried blindly',
    async (_what, error) => {
      mock.pool.intercept({ path: sendPath, method: 'POST' }).replyWithError(error);
      const err = await sendFailing();
      expect(err).toMatchObject({
        classification: 'unknown-outcome',
        source: 'network',
        isRetrySafe: false,
      });
    },
  );

  it('connect timeout is retryable', async () => {
    mock.pool
      .intercept({ path: sendPath, method: 'POST' })
      .replyWithError(new undiciErrors.ConnectTimeoutError());
    expect(await sendFailing()).toMatchObject({ classification: 'retryable' });
  });
});

describe('secrets in errors', () => {
  it('never puts the token in the message, details or serialised error', async () => {
    mock.pool
      .intercept({ path: sendPath, method: 'POST' })
      .reply(401, metaError(190, { error_subcode: 463 }));
    const err = await sendFailing();
    expect(err.classification).toBe('auth');
    const dump = JSON.stringify({
      ...err,
      message: err.message,
      details: err.details,
      stack: err.stack,
    });
    expect(dump).not.toContain(TOKEN);
  });
});
