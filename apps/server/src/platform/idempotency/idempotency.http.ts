import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database';
import type { Clock } from '../clock';
import { ConflictError, ValidationError } from '../../errors';
import { claimKey, completeKey, findKey, releaseKey } from './idempotency.repo';

/** How long a first answer is kept for retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A claim older than this whose request never finished (the process died) is taken over. */
const ABANDONED_MS = 5 * 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

interface Claim {
  principal: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: Claim;
  }
}

const hashOf = (request: FastifyRequest): string =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');

/**
 * `Idempotency-Key` on every API POST of a signed-in caller (user or API key). The first
 * request with a key claims it and its answer (status and body, any status below 500) is
 * stored for 24 h; a retry with the same key and body gets that answer back without running
 * again (`Idempotent-Replayed: true`). The same key with another body answers 409
 * `idempotency_key_reused`; a retry while the first is still running answers 409
 * `idempotency_in_progress` at once (it does not wait). A 5xx frees the key for a retry.
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
    const requestHash = hashOf(request);
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
        request.idempotencyClaim = { principal, key: header };
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
      if (row.requestHash !== requestHash)
        throw new ConflictError(
          'This Idempotency-Key was used with another request',
          undefined,
          'idempotency_key_reused',
        );
      if (row.state === 'in_progress')
        throw new ConflictError(
          'A request with this Idempotency-Key is still running; retry later',
          undefined,
          'idempotency_in_progress',
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
    const type = reply.getHeader('content-type');
    await completeKey(ex, claim.principal, claim.key, {
      status: reply.statusCode,
      type: typeof type === 'string' ? type : null,
      body: payload,
    });
    return payload;
  });
  // A request that never reached onSend (connection dropped) must not hold its key.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotencyClaim;
    if (claim !== undefined) await releaseKey(ex, claim.principal, claim.key);
  });
}
