import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import { ConflictError, ValidationError } from '../../errors';
import { digestStream, digestWhileRead, isStream } from '../../http/body-digest';
import { digestForm } from '../../http/multipart';
import { claimKey, completeKey, findKey, releaseKey } from './idempotency.repo';

/** How long a first answer is kept for retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A claim older than this whose request never finished (the process died) is taken over. */
const ABANDONED_MS = 5 * 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

interface Claim {
  principal: string;
  key: string;
  /** The body is streamed to the handler: its fingerprint is known only once it is read. */
  streamed: boolean;
}

/** The fingerprint a streamed body's claim holds until its handler has read it. */
const STREAMED_PENDING = 'streamed-body-pending';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: Claim;
  }
}

const hashOf = (request: FastifyRequest, bodyDigest?: string): string =>
  createHash('sha256')
    .update(
      `${request.method} ${request.url}\n${bodyDigest ?? JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');

/** A multipart form (its scope parses multipart) or a raw stream handed to the handler. */
const streamedBody = (request: FastifyRequest): 'form' | 'raw' | undefined => {
  if (isStream(request.body)) return 'raw';
  const parts = request as { isMultipart?: unknown };
  return typeof parts.isMultipart === 'function' && request.isMultipart() ? 'form' : undefined;
};

/** Reads a retried streamed body only to fingerprint it, as its handler's read would. */
const digestRetried = async (request: FastifyRequest, kind: 'form' | 'raw'): Promise<string> =>
  kind === 'raw' ? digestStream(request.body as Readable) : digestForm(request);

/**
 * `Idempotency-Key` on every API POST of a signed-in caller (user or API key). The first
 * request with a key claims it and its answer (status and body, any status below 500) is
 * stored for 24 h; a retry with the same key and body gets that answer back without running
 * again (`Idempotent-Replayed: true`). The same key with another body answers 409
 * `idempotency_key_reused`; a retry while the first is still running answers 409
 * `idempotency_in_progress` at once (it does not wait). A 5xx frees the key for a retry.
 *
 * A body streamed to its handler (a raw upload, a multipart form) is fingerprinted as it is
 * read: its bytes, or a form's parts (never its boundary, which a client draws anew on each
 * retry). Its claim holds a placeholder until the answer; a retry after it reads the body
 * only to fingerprint it. An answer given without reading the whole body frees the key.
 */
export function installIdempotency(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  const ex = deps.db.kysely;
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || !request.url.startsWith('/api/')) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined || request.principal === undefined) return;
    if (typeof header !== 'string' || !KEY.test(header))
      throw new ValidationError('Idempotency-Key must be 1–255 visible ASCII characters');
    const principal = `${request.principal.kind}:${request.principal.id}`;
    const streamed = streamedBody(request);
    const requestHash = streamed === undefined ? hashOf(request) : STREAMED_PENDING;
    const now = deps.clock.now();
    const claim = {
      principal,
      key: header,
      requestHash,
      createdAt: now,
      expiresAt: now + IDEMPOTENCY_TTL_MS,
    };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (await claimKey(ex, claim)) {
        request.idempotencyClaim = { principal, key: header, streamed: streamed !== undefined };
        if (streamed === 'raw')
          request.body = digestWhileRead(request.body as Readable, (hex) => {
            request.bodyDigest = hex;
          });
        return;
      }
      const row = await findKey(ex, principal, header);
      if (row === undefined) continue;
      const stale =
        row.expiresAt <= now || (row.state === 'in_progress' && row.createdAt < now - ABANDONED_MS);
      if (stale) {
        await releaseKey(ex, principal, header, row.createdAt);
        continue;
      }
      if (row.state === 'in_progress')
        throw new ConflictError(
          'A request with this Idempotency-Key is still running; retry later',
          undefined,
          'idempotency_in_progress',
        );
      const retried =
        streamed === undefined
          ? requestHash
          : hashOf(request, await digestRetried(request, streamed));
      if (row.requestHash !== retried)
        throw new ConflictError(
          'This Idempotency-Key was used with another request',
          undefined,
          'idempotency_key_reused',
        );
      return reply
        .status(row.responseStatus ?? 200)
        .header('content-type', row.responseType ?? 'application/json; charset=utf-8')
        .header('idempotent-replayed', 'true')
        .send(row.responseBody ?? '');
    }
    throw new ConflictError('Idempotency-Key is busy; retry', undefined, 'idempotency_in_progress');
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (claim === undefined) return payload;
    request.idempotencyClaim = undefined;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await releaseKey(ex, claim.principal, claim.key);
      return payload;
    }
    if (claim.streamed && request.bodyDigest === undefined) {
      // The handler answered without reading the whole body: nothing to fingerprint a retry
      // against, and nothing was done with it, so the key is free again.
      await releaseKey(ex, claim.principal, claim.key);
      return payload;
    }
    const type = reply.getHeader('content-type');
    await completeKey(ex, claim.principal, claim.key, {
      status: reply.statusCode,
      type: typeof type === 'string' ? type : null,
      body: payload,
      requestHash: claim.streamed ? hashOf(request, request.bodyDigest) : undefined,
    });
    return payload;
  });
  // A request that never reached onSend (connection dropped) must not hold its key.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotencyClaim;
    if (claim !== undefined) await releaseKey(ex, claim.principal, claim.key);
  });
}
