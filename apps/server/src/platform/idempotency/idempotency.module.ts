import type { AppContext } from '../../app-context';
import type { Module } from '../../modules/module';
import { registerPersonalData } from '../../modules/privacy/data-registry';
import { installIdempotency, IDEMPOTENCY_TTL_MS } from './idempotency.http';
import { purgeExpiredKeys } from './idempotency.repo';

/** `Idempotency-Key` handling for the API and the hourly purge of expired keys. */
export function idempotencyModule(ctx: AppContext): Module {
  registerPersonalData({
    table: 'idempotency_keys',
    module: 'system',
    key: 'principal',
    classification: 'personal',
    description:
      'First answers to API POSTs sent with an Idempotency-Key, per caller: request hash, status, response body (which may name a contact).',
    handledElsewhere: `Every row expires ${IDEMPOTENCY_TTL_MS / 3_600_000} h after it was written and is deleted by the hourly idempotency purge.`,
  });
  return {
    name: 'idempotency',
    install: async (app) => installIdempotency(app, { db: ctx.db, clock: ctx.clock }),
    jobs: [
      {
        name: 'idempotency.purge-expired',
        intervalMs: 60 * 60_000,
        run: async () => void (await purgeExpiredKeys(ctx.db.kysely, ctx.clock.now())),
      },
    ],
  };
}
