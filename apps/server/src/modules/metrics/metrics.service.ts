import { randomBytes } from 'node:crypto';
import type { MetricsSettings } from '@kiana/contracts';
import type { AppContext } from '../../app-context';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../errors';
import type { AuditActor, AuditService } from '../audit/audit.service';
import { bearerToken, isAddressAllowed, parseBlock, tokensMatch } from './metrics.access';
import { metricsAllowListSetting, metricsTokenSetting } from './metrics.settings';

/** Who changes the settings, from where (the audit record's fields). */
export interface ChangeContext {
  actor: AuditActor;
  ip: string;
  userAgent: string | null;
}

export interface MetricsService {
  /** Settings → Metrics: the token as `{ isSet, hint }` and the allow-list. */
  settings(): Promise<MetricsSettings>;
  /** Creates a new scrape token (replacing any old one) and returns it, the only time. */
  rotateToken(by: ChangeContext): Promise<string>;
  /** Removes the token: `/metrics` answers 401 to everyone. */
  clearToken(by: ChangeContext): Promise<void>;
  setAllowList(allowList: string[], by: ChangeContext): Promise<MetricsSettings>;
  /** Throws 401 without the right token, 403 from an address outside the allow-list. */
  authorize(authorization: string | undefined, address: string): Promise<void>;
  /** The exposition text. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export function createMetricsService(ctx: AppContext, audit: AuditService): MetricsService {
  const { settings, db } = ctx;
  const record =
    (by: ChangeContext, action: string, details?: Record<string, string | number>) =>
    (tx: Parameters<AuditService['record']>[0]) =>
      audit.record(tx, {
        actor: by.actor,
        action,
        target: { type: 'setting', id: 'metrics' },
        ip: by.ip,
        userAgent: by.userAgent,
        ...(details === undefined ? {} : { details }),
      });

  const service: MetricsService = {
    async settings() {
      return {
        token: await settings.describeSecret(db.kysely, metricsTokenSetting),
        allowList: (await settings.get(db.kysely, metricsAllowListSetting)).value,
      };
    },
    async rotateToken(by) {
      const token = `kmt_${randomBytes(32).toString('base64url')}`;
      await settings.update(metricsTokenSetting, token, record(by, 'metrics.token_rotated'));
      return token;
    },
    async clearToken(by) {
      await settings.update(metricsTokenSetting, '', record(by, 'metrics.token_cleared'));
    },
    async setAllowList(allowList, by) {
      const bad = allowList.filter((entry) => parseBlock(entry) === null);
      if (bad.length > 0)
        throw new ValidationError('Each entry must be an IP address or a CIDR block', { bad });
      const clean = [...new Set(allowList.map((e) => e.trim()))];
      await settings.update(
        metricsAllowListSetting,
        clean,
        record(by, 'metrics.allow_list_set', { entries: clean.length }),
      );
      return await service.settings();
    },
    async authorize(authorization, address) {
      const expected = (await settings.get(db.kysely, metricsTokenSetting)).value;
      const given = bearerToken(authorization);
      if (given === null || !tokensMatch(given, expected))
        throw new UnauthorizedError('A valid metrics bearer token is required');
      const allowList = (await settings.get(db.kysely, metricsAllowListSetting)).value;
      if (!isAddressAllowed(address, allowList))
        throw new ForbiddenError(
          'This address may not read the metrics',
          'metrics_address_refused',
        );
    },
    scrape: () => ctx.metrics.render(),
  };
  return service;
}
