import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  apiKeyScopeSchema,
  type ApiKey,
  type ApiKeyScope,
  type CreateApiKeyRequest,
} from '@kiana/contracts';
import { z } from 'zod';
import { NotFoundError } from '../../errors';
import type { AuditContext } from '../audit/audit.service';
import type { ApiKeyPrincipal } from '../../http/principal';
import { iso, type AuthDeps } from './auth.deps';
import { permissionsOfScopes } from './permissions';
import {
  findApiKeyByHash,
  insertApiKey,
  listApiKeys,
  markApiKeyUsed,
  revokeApiKey,
  type ApiKeyRow,
} from './api-keys.repo';

const KEY_PREFIX = 'kiana_';
const HOUR = 3_600_000;
const scopesSchema = z.array(apiKeyScopeSchema);

/** SHA-256 of a key: keys carry 256 random bits, so a slow hash adds nothing. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: scopesSchema.parse(JSON.parse(row.scopes)),
    createdBy: row.createdBy,
    createdAt: iso(row.createdAt) ?? '',
    lastUsedAt: iso(row.lastUsedAt),
    expiresAt: iso(row.expiresAt),
    revokedAt: iso(row.revokedAt),
  };
}

export interface ApiKeysService {
  list(): Promise<ApiKey[]>;
  /** Creates a key; the secret is returned here once and stored only as a hash. */
  create(input: CreateApiKeyRequest, by: AuditContext): Promise<{ apiKey: ApiKey; secret: string }>;
  revoke(id: string, by: AuditContext): Promise<ApiKey>;
  /** The principal of a bearer key, or undefined when unknown, revoked or expired. */
  authenticate(
    key: string,
    meta: Omit<AuditContext, 'actor'>,
  ): Promise<ApiKeyPrincipal | undefined>;
}

/** Creates the API-keys service. */
export function createApiKeysService(deps: AuthDeps): ApiKeysService {
  const { clock, audit } = deps;
  const db = deps.db.kysely;
  return {
    list: async () => (await listApiKeys(db)).map(toApiKey),
    async create(input, by) {
      const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const now = clock.now();
      const row: ApiKeyRow = {
        id: randomUUID(),
        name: input.name,
        prefix: secret.slice(0, KEY_PREFIX.length + 6),
        keyHash: hashApiKey(secret),
        scopes: JSON.stringify([...new Set(input.scopes)]),
        createdBy: by.actor.name ?? null,
        createdAt: now,
        lastUsedAt: null,
        expiresAt: input.expiresInDays === undefined ? null : now + input.expiresInDays * 24 * HOUR,
        revokedAt: null,
      };
      await db.transaction().execute(async (tx) => {
        await insertApiKey(tx, row);
        await audit.record(tx, {
          ...by,
          action: 'apikey.create',
          target: { type: 'api_key', id: row.id },
          details: { name: row.name, scopes: row.scopes },
        });
      });
      return { apiKey: toApiKey(row), secret };
    },
    async revoke(id, by) {
      return db.transaction().execute(async (tx) => {
        const { row, revoked } = await revokeApiKey(tx, id, clock.now());
        if (row === undefined) throw new NotFoundError('API key', id);
        // Revoking a revoked key changes nothing, so it is not logged again.
        if (revoked)
          await audit.record(tx, {
            ...by,
            action: 'apikey.revoke',
            target: { type: 'api_key', id },
            details: { name: row.name },
          });
        return toApiKey(row);
      });
    },
    async authenticate(key, meta) {
      if (!key.startsWith(KEY_PREFIX) || key.length > 200) return undefined;
      const row = await findApiKeyByHash(db, hashApiKey(key));
      const now = clock.now();
      if (
        row === undefined ||
        row.revokedAt !== null ||
        (row.expiresAt !== null && now >= Number(row.expiresAt))
      ) {
        return undefined;
      }
      const scopes: ApiKeyScope[] = scopesSchema.parse(JSON.parse(row.scopes));
      const principal: ApiKeyPrincipal = {
        kind: 'api_key',
        id: row.id,
        name: row.name,
        scopes,
        permissions: new Set(permissionsOfScopes(scopes)),
      };
      // One audit record per key per hour of use, not one per request.
      await db.transaction().execute(async (tx) => {
        if (await markApiKeyUsed(tx, row.id, now, now - (now % HOUR))) {
          await audit.record(tx, {
            ...meta,
            actor: { type: 'api_key', id: row.id, name: row.name },
            action: 'apikey.use',
            target: { type: 'api_key', id: row.id },
          });
        }
      });
      return principal;
    },
  };
}
