import { randomBytes, randomUUID } from 'node:crypto';
import { createInvalidations } from '../../events/invalidations';
import type {
  AccountDto,
  ConnectionTestResult,
  CreateAccountBody,
  HealthEventDto,
  UpdateAccountBody,
} from '@kiana/contracts';
import { createAccountBodySchema, updateAccountBodySchema } from '@kiana/contracts';
import { ConflictError, NotFoundError } from '../../errors';
import type { AccountGraphApi } from '../../whatsapp/graph.client';
import { recordAudit, type ActionContext, type WhatsAppDeps } from './accounts.deps';
import * as repo from './accounts.repo';
import { openAccountSecret, sealAccountSecret } from './accounts.secrets';
import { toAccountDto, toHealthEventDto } from './accounts.mapper';
import { describeConnectionError } from './accounts.connection';
import { applyNumbersFromMeta, phoneNumberFields } from './accounts.health';
import { createAccountWebhookHandlers, type AccountWebhookHandlers } from './accounts.webhooks';
import './accounts.events';

/** An account as other modules see it (no secrets). */
export interface AccountRef {
  id: string;
  name: string;
  wabaId: string;
  apiVersion: string;
}

/** A phone number as other modules see it. */
export interface PhoneNumberRef {
  accountId: string;
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  qualityRating: string | null;
  throughputLevel: string | null;
}

/** Decrypted webhook credentials of one account, for the webhook receiver. */
export interface WebhookCredentials {
  accountId: string;
  wabaId: string;
  appSecret: string;
  verifyToken: string;
  /** Its phone number ids, so the receiver can tell whose number a `messages` change names. */
  phoneNumberIds: string[];
}

/** Everything needed to call the Graph API for one account. */
export interface AccountGraphAccess {
  account: AccountRef;
  api: AccountGraphApi;
}

// The webhook receiver asks for credentials on every delivery; a short cache keeps that off
// the database and out of AES, and every change to an account invalidates it at once.
const CREDENTIALS_TTL_MS = 30_000;

/** Creates the accounts service. */
export function createAccountsService(deps: WhatsAppDeps) {
  const { db, secrets, clock } = deps;
  let credentialsCache: { at: number; value: WebhookCredentials[] } | undefined;
  // Every process caches credentials: a change made here clears them in all (event relay).
  const invalidations = createInvalidations(deps.bus);
  invalidations.on('accounts.credentials', () => {
    credentialsCache = undefined;
  });
  // Numbers are part of the credentials (webhook attribution): a sync or check refreshes them.
  deps.bus.subscribe('accounts.changed', () => {
    credentialsCache = undefined;
  });
  /** Drops every cache of webhook credentials, here and (through the relay) elsewhere. */
  const invalidate = (accountId: string | null = null): void => {
    credentialsCache = undefined;
    invalidations.publish('accounts.credentials', accountId);
  };
  const callbackUrl = `${deps.publicUrl.replace(/\/+$/, '')}/webhooks/whatsapp`;

  async function requireRow(id: string): Promise<repo.AccountRow> {
    const row = await repo.findAccountRow(db, id);
    if (row === undefined) throw new NotFoundError('WhatsApp account', id);
    return row;
  }

  /** One account's DTO. */
  async function dtoOf(row: repo.AccountRow): Promise<AccountDto> {
    const [numbers, health] = await Promise.all([
      repo.listPhoneNumberRows(db, row.id),
      repo.listWebhookHealthRows(db),
    ]);
    return toDto(row, numbers, health);
  }

  function toDto(
    row: repo.AccountRow,
    numbers: readonly repo.PhoneNumberRow[],
    health: readonly repo.WebhookHealthRow[],
  ): AccountDto {
    return toAccountDto(row, {
      numbers: numbers.filter((n) => n.accountId === row.id),
      webhook: health.find((h) => h.key === row.id),
      plainAccessToken: openAccountSecret(secrets, row.id, 'access_token', row.accessToken),
      plainAppSecret: openAccountSecret(secrets, row.id, 'app_secret', row.appSecret),
      verifyToken: openAccountSecret(secrets, row.id, 'verify_token', row.verifyToken),
      callbackUrl,
    });
  }

  async function access(row: repo.AccountRow): Promise<AccountGraphAccess> {
    const token = openAccountSecret(secrets, row.id, 'access_token', row.accessToken);
    if (token === null) throw new ConflictError(`WhatsApp account ${row.name} has no access token`);
    return {
      account: { id: row.id, name: row.name, wabaId: row.wabaId, apiVersion: row.apiVersion },
      api: deps.graph.forAccount({
        accessToken: token,
        apiVersion: row.apiVersion,
        accountId: row.id,
      }),
    };
  }

  async function ensureWabaFree(wabaId: string, exceptId?: string): Promise<void> {
    const other = await repo.findAccountRowByWabaId(db, wabaId);
    if (other !== undefined && other.id !== exceptId) {
      throw new ConflictError(
        `WABA ${wabaId} is already connected as “${other.name}”`,
        undefined,
        'waba_taken',
      );
    }
  }

  const service = {
    /** Every account with its numbers and webhook status. */
    async list(): Promise<AccountDto[]> {
      // Every number and webhook-health row in one query each, not two per account.
      const [rows, numbers, health] = await Promise.all([
        repo.listAccountRows(db),
        repo.listPhoneNumberRows(db),
        repo.listWebhookHealthRows(db),
      ]);
      return rows.map((row) => toDto(row, numbers, health));
    },

    async get(id: string): Promise<AccountDto> {
      return dtoOf(await requireRow(id));
    },

    /** Adds an account; secrets are sealed at once, a verify token is generated when absent. */
    async create(input: CreateAccountBody, action: ActionContext): Promise<AccountDto> {
      const body = createAccountBodySchema.parse(input);
      await ensureWabaFree(body.wabaId);
      const id = randomUUID();
      const now = clock.now();
      const verifyToken = body.verifyToken ?? randomBytes(18).toString('base64url');
      await db.transaction().execute(async (tx) => {
        await repo.insertAccountRow(tx, {
          id,
          name: body.name,
          wabaId: body.wabaId,
          appId: body.appId ?? null,
          apiVersion: body.apiVersion,
          accessToken: sealAccountSecret(secrets, id, 'access_token', body.accessToken),
          appSecret: sealAccountSecret(secrets, id, 'app_secret', body.appSecret),
          verifyToken: sealAccountSecret(secrets, id, 'verify_token', verifyToken),
          connectionStatus: 'unknown',
          connectionError: null,
          checkedAt: null,
          wabaName: null,
          messagingLimitTier: null,
          reviewStatus: null,
          restriction: null,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(deps, tx, action, {
          action: 'credentials.set',
          target: { type: 'wa_account', id },
          details: {
            name: body.name,
            wabaId: body.wabaId,
            fields: 'accessToken,appSecret,verifyToken',
          },
        });
      });
      invalidate(id);
      deps.bus.publish('accounts.changed', { accountId: id, change: 'created' });
      return service.get(id);
    },

    /** Edits an account; a secret left out keeps its value, a new one replaces it (audited). */
    async update(id: string, input: UpdateAccountBody, action: ActionContext): Promise<AccountDto> {
      const body = updateAccountBodySchema.parse(input);
      const row = await requireRow(id);
      if (body.wabaId !== undefined) await ensureWabaFree(body.wabaId, id);
      const rotated: string[] = [];
      const patch: Parameters<typeof repo.updateAccountRow>[2] = { updatedAt: clock.now() };
      if (body.name !== undefined) patch.name = body.name;
      if (body.wabaId !== undefined) patch.wabaId = body.wabaId;
      if (body.appId !== undefined) patch.appId = body.appId === '' ? null : body.appId;
      if (body.apiVersion !== undefined) patch.apiVersion = body.apiVersion;
      if (body.accessToken !== undefined) {
        patch.accessToken = sealAccountSecret(secrets, id, 'access_token', body.accessToken);
        rotated.push('accessToken');
      }
      if (body.appSecret !== undefined) {
        patch.appSecret = sealAccountSecret(secrets, id, 'app_secret', body.appSecret);
        rotated.push('appSecret');
      }
      const verify =
        body.regenerateVerifyToken === true
          ? randomBytes(18).toString('base64url')
          : body.verifyToken;
      if (verify !== undefined) {
        patch.verifyToken = sealAccountSecret(secrets, id, 'verify_token', verify);
        rotated.push('verifyToken');
      }
      // New credentials or another WABA make the last check meaningless.
      if (
        rotated.includes('accessToken') ||
        body.wabaId !== undefined ||
        body.apiVersion !== undefined
      ) {
        patch.connectionStatus = 'unknown';
        patch.connectionError = null;
      }
      const changed = Object.keys(body).filter(
        (k) => !['accessToken', 'appSecret', 'verifyToken'].includes(k),
      );
      await db.transaction().execute(async (tx) => {
        await repo.updateAccountRow(tx, id, patch);
        if (changed.length > 0) {
          await recordAudit(deps, tx, action, {
            action: 'settings.change',
            target: { type: 'wa_account', id },
            details: { name: row.name, fields: changed.join(',') },
          });
        }
        if (rotated.length > 0) {
          await recordAudit(deps, tx, action, {
            action: 'credentials.rotated',
            target: { type: 'wa_account', id },
            details: { name: row.name, fields: rotated.join(',') },
          });
        }
      });
      invalidate(id);
      deps.bus.publish('accounts.changed', { accountId: id, change: 'updated' });
      return service.get(id);
    },

    /** Removes an account with its numbers, history and templates. */
    async remove(id: string, action: ActionContext): Promise<void> {
      const row = await requireRow(id);
      await db.transaction().execute(async (tx) => {
        await repo.deleteAccountRow(tx, id);
        await recordAudit(deps, tx, action, {
          action: 'credentials.removed',
          target: { type: 'wa_account', id },
          details: { name: row.name, wabaId: row.wabaId },
        });
      });
      invalidate(id);
      deps.bus.publish('accounts.changed', { accountId: id, change: 'deleted' });
    },

    /**
     * Reads the WABA and its phone numbers with the stored credentials. On success the numbers
     * are stored (with health changes recorded); on failure the specific reason is stored and
     * returned. Never throws for a Graph failure: the result says what went wrong.
     */
    async testConnection(id: string): Promise<ConnectionTestResult> {
      const row = await requireRow(id);
      const { api } = await access(row);
      try {
        const waba = await api.getWaba(row.wabaId, ['id', 'name', 'account_review_status']);
        const numbers = await api.listAllPhoneNumbers(row.wabaId, phoneNumberFields);
        await repo.updateAccountRow(db, id, {
          connectionStatus: 'connected',
          connectionError: null,
          checkedAt: clock.now(),
          wabaName: waba.name ?? null,
          reviewStatus: waba.account_review_status ?? null,
        });
        await applyNumbersFromMeta(deps, { ...row, wabaName: waba.name ?? null }, numbers);
        deps.bus.publish('accounts.changed', { accountId: id, change: 'checked' });
        return {
          ok: true,
          message: `Connected to ${waba.name ?? row.wabaId}: ${numbers.length} phone number${numbers.length === 1 ? '' : 's'}.`,
          error: null,
          wabaName: waba.name ?? null,
          phoneNumbers: numbers.length,
        };
      } catch (err) {
        const error = describeConnectionError(err, {
          wabaId: row.wabaId,
          graphUrl: deps.graph.transport.origin,
        });
        deps.logger.warn(
          { accountId: id, kind: error.kind, metaCode: error.metaCode },
          'WhatsApp connection check failed',
        );
        await repo.updateAccountRow(db, id, {
          connectionStatus: 'error',
          connectionError: JSON.stringify(error),
          checkedAt: clock.now(),
        });
        deps.bus.publish('accounts.changed', { accountId: id, change: 'checked' });
        return { ok: false, message: error.message, error, wabaName: null, phoneNumbers: 0 };
      }
    },

    /** Scheduled: re-reads every connected account's numbers and records health changes. */
    async refreshAllHealth(): Promise<void> {
      for (const row of await repo.listAccountRows(db)) {
        if (row.accessToken === null) continue;
        // One account that cannot be read (a secret under a retired key, a database hiccup)
        // must not stop the others from being refreshed.
        try {
          await service.testConnection(row.id);
        } catch (error) {
          deps.logger.warn({ err: error, accountId: row.id }, 'number health refresh failed');
        }
      }
    },

    /** `POST /{waba-id}/subscribed_apps`: Meta starts sending this WABA's webhooks to the app. */
    async subscribeApp(id: string, action: ActionContext): Promise<void> {
      const row = await requireRow(id);
      const { api } = await access(row);
      await api.subscribeApp(row.wabaId);
      // The change happened at Meta; the record of it stands alone.
      await recordAudit(deps, db, action, {
        action: 'settings.change',
        target: { type: 'wa_account', id },
        details: { subscribedApp: true },
      });
    },

    /** Health history (or open alerts only), newest first. */
    async listHealthEvents(filter: {
      accountId?: string;
      alertsOnly?: boolean;
      limit?: number;
    }): Promise<HealthEventDto[]> {
      const rows = await repo.listHealthEventRows(db, {
        ...filter,
        limit: Math.min(filter.limit ?? 100, 500),
      });
      return rows.map(toHealthEventDto);
    },

    async acknowledgeAlert(eventId: string): Promise<void> {
      if (!(await repo.acknowledgeHealthEventRow(db, eventId, clock.now())))
        throw new NotFoundError('Alert', eventId);
    },

    // ------------------------------------------------------------ for other modules

    /** Graph credentials of an account (decrypted); never log the result. */
    async graphAccess(accountId: string): Promise<AccountGraphAccess> {
      return access(await requireRow(accountId));
    },

    async listAccountRefs(): Promise<AccountRef[]> {
      return (await repo.listAccountRows(db)).map((r) => ({
        id: r.id,
        name: r.name,
        wabaId: r.wabaId,
        apiVersion: r.apiVersion,
      }));
    },

    /** Decrypted app secret and verify token of every account, cached 30 s. */
    async listWebhookCredentials(): Promise<WebhookCredentials[]> {
      if (
        credentialsCache !== undefined &&
        clock.now() - credentialsCache.at < CREDENTIALS_TTL_MS
      ) {
        return credentialsCache.value;
      }
      const value: WebhookCredentials[] = [];
      const numbers = new Map<string, string[]>();
      for (const n of await repo.listPhoneNumberRows(db))
        numbers.set(n.accountId, [...(numbers.get(n.accountId) ?? []), n.phoneNumberId]);
      for (const row of await repo.listAccountRows(db)) {
        const appSecret = openAccountSecret(secrets, row.id, 'app_secret', row.appSecret);
        const verifyToken = openAccountSecret(secrets, row.id, 'verify_token', row.verifyToken);
        if (appSecret === null || verifyToken === null) continue;
        value.push({
          accountId: row.id,
          wabaId: row.wabaId,
          appSecret,
          verifyToken,
          phoneNumberIds: numbers.get(row.id) ?? [],
        });
      }
      credentialsCache = { at: clock.now(), value };
      return value;
    },

    async findAccountByWabaId(wabaId: string): Promise<AccountRef | undefined> {
      const r = await repo.findAccountRowByWabaId(db, wabaId);
      return r === undefined
        ? undefined
        : { id: r.id, name: r.name, wabaId: r.wabaId, apiVersion: r.apiVersion };
    },

    async findPhoneNumberById(phoneNumberId: string): Promise<PhoneNumberRef | undefined> {
      const n = await repo.findPhoneNumberRow(db, phoneNumberId);
      if (n === undefined) return undefined;
      const a = await repo.findAccountRow(db, n.accountId);
      if (a === undefined) return undefined;
      return {
        accountId: a.id,
        wabaId: a.wabaId,
        phoneNumberId: n.phoneNumberId,
        displayPhoneNumber: n.displayPhoneNumber,
        qualityRating: n.qualityRating,
        throughputLevel: n.throughputLevel,
      };
    },

    async listPhoneNumbers(accountId?: string): Promise<PhoneNumberRef[]> {
      const accounts = new Map((await repo.listAccountRows(db)).map((a) => [a.id, a]));
      return (await repo.listPhoneNumberRows(db, accountId)).map((n) => ({
        accountId: n.accountId,
        wabaId: accounts.get(n.accountId)?.wabaId ?? '',
        phoneNumberId: n.phoneNumberId,
        displayPhoneNumber: n.displayPhoneNumber,
        qualityRating: n.qualityRating,
        throughputLevel: n.throughputLevel,
      }));
    },

    /** Forgets cached credentials (after a key rotation, for instance). */
    invalidateCredentials: invalidate,
  };

  const webhooks: AccountWebhookHandlers = createAccountWebhookHandlers(deps, {
    refreshAccount: async (accountId) => {
      await service.testConnection(accountId);
    },
  });
  return { ...service, ...webhooks };
}

/** The accounts service other modules receive. */
export type AccountsService = ReturnType<typeof createAccountsService>;
