import { afterEach, describe, expect, it } from 'vitest';
import { GraphApiError } from './graph.errors';
import { headersOf, metaError, mockGraph, TOKEN } from './graph.test-support';

// The Resumable Upload API calls as Meta documents them, against undici's MockAgent.

const APP = '584544743160774';
const SESSION = 'upload:MTphdHRhY2htZW50OjE=';
const SIG = 'ARZqkGCA_uQMxC8nHKI';
const HANDLE = '4::aW1hZ2UvcG5n:ARY-abc:e:1681000441:584544743160774:ARbB';
const file = Buffer.from('0123456789abcdefghij'); // 20 bytes

let mock = mockGraph();
afterEach(async () => {
  mock.agent.assertNoPendingInterceptors();
  await mock.client.close();
  mock = mockGraph();
});

interface Sent {
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

function record(path: string, method: 'GET' | 'POST', reply: unknown, status = 200): Sent[] {
  const seen: Sent[] = [];
  mock.pool.intercept({ path, method }).reply((opts) => {
    const body =
      opts.body === undefined || opts.body === null
        ? undefined
        : Buffer.from(opts.body as Uint8Array);
    seen.push({ path: opts.path, headers: headersOf(opts.headers), body });
    return { statusCode: status, data: JSON.stringify(reply) };
  });
  return seen;
}

describe('resumable upload', () => {
  it('opens a session with name, length and type in the query, then sends the bytes with file_offset and OAuth', async () => {
    const start = record(
      `/v23.0/${APP}/uploads?file_name=a+b.png&file_length=20&file_type=image%2Fpng`,
      'POST',
      { id: `${SESSION}?sig=${SIG}` },
    );
    const bytes = record(`/v23.0/${SESSION}?sig=${SIG}`, 'POST', { h: HANDLE });
    const res = await mock.api.uploadFileForHandle(APP, {
      fileName: 'a b.png',
      fileType: 'image/png',
      data: file,
    });
    expect(res).toEqual({ handle: HANDLE, sessionId: `${SESSION}?sig=${SIG}` });
    expect(start[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // The colon stays literal and the signature is a query parameter, as Meta issued the id.
    expect(bytes[0]?.path).toBe(`/v23.0/${SESSION}?sig=${SIG}`);
    expect(bytes[0]?.headers.authorization).toBe(`OAuth ${TOKEN}`);
    expect(bytes[0]?.headers.file_offset).toBe('0');
    expect(bytes[0]?.headers['content-type']).toBe('application/octet-stream');
    expect(bytes[0]?.body?.equals(file)).toBe(true);
  });

  it('after a dropped connection asks for the offset and sends only the rest', async () => {
    record(`/v23.0/${APP}/uploads?file_name=a.png&file_length=20&file_type=image%2Fpng`, 'POST', {
      id: SESSION,
    });
    mock.pool
      .intercept({ path: `/v23.0/${SESSION}`, method: 'POST' })
      .replyWithError(new Error('socket hang up'));
    const probe = record(`/v23.0/${SESSION}`, 'GET', { id: SESSION, file_offset: 12 });
    const rest = record(`/v23.0/${SESSION}`, 'POST', { h: HANDLE });
    const res = await mock.api.uploadFileForHandle(APP, {
      fileName: 'a.png',
      fileType: 'image/png',
      data: file,
    });
    expect(res.handle).toBe(HANDLE);
    expect(probe[0]?.headers.authorization).toBe(`OAuth ${TOKEN}`);
    expect(rest[0]?.headers.file_offset).toBe('12');
    expect(rest[0]?.body?.toString()).toBe('cdefghij');
  });

  it('follows a partial take until the handle comes', async () => {
    record(`/v23.0/${SESSION}`, 'GET', { id: SESSION, file_offset: 0 });
    record(`/v23.0/${SESSION}`, 'POST', { id: SESSION, file_offset: 5 });
    const second = record(`/v23.0/${SESSION}`, 'POST', { h: HANDLE });
    expect(await mock.api.resumeUpload(SESSION, file, { attempts: 3 })).toBe(HANDLE);
    expect(second[0]?.headers.file_offset).toBe('5');
    expect(second[0]?.body?.toString()).toBe('56789abcdefghij');
  });

  it('resumes a session by reading its offset first', async () => {
    record(`/v23.0/${SESSION}?sig=${SIG}`, 'GET', { id: SESSION, file_offset: 20 });
    const last = record(`/v23.0/${SESSION}?sig=${SIG}`, 'POST', { h: HANDLE });
    expect(await mock.api.resumeUpload(`${SESSION}?sig=${SIG}`, file)).toBe(HANDLE);
    expect(last[0]?.headers.file_offset).toBe('20');
    expect(last[0]?.body?.length ?? 0).toBe(0);
  });

  it('throws permanent errors at once and gives up after the attempts on transient ones', async () => {
    record(`/v23.0/${SESSION}`, 'GET', { file_offset: 0 });
    record(`/v23.0/${SESSION}`, 'POST', metaError(100), 400);
    const permanent = await mock.api.resumeUpload(SESSION, file).catch((e: unknown) => e);
    expect(permanent).toBeInstanceOf(GraphApiError);
    expect((permanent as GraphApiError).classification).toBe('permanent');

    for (let i = 0; i < 2; i += 1) {
      record(`/v23.0/${SESSION}`, 'GET', { file_offset: 0 });
      record(`/v23.0/${SESSION}`, 'POST', metaError(2, { is_transient: true }), 503);
    }
    const transient = await mock.api
      .resumeUpload(SESSION, file, { attempts: 2 })
      .catch((e: unknown) => e);
    expect((transient as GraphApiError).classification).toBe('retryable');
  });

  it('refuses a session id that is not an upload session before calling anything', async () => {
    await expect(mock.api.getUploadOffset('12345')).rejects.toThrow(/not an upload session id/);
  });
});
