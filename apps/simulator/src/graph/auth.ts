import type { FastifyRequest } from 'fastify';
import type { AccessTokenDef, SimContext } from '../context';
import { MetaError } from './errors';

// Version and access-token checks every Graph route makes (NOTES §0, §2.3).

/** Accepts `v{N}.0` within the configured range; returns the version string. */
export function checkVersion(ctx: SimContext, version: string): string {
  const m = /^v(\d+)\.0$/.exec(version);
  const n = m?.[1] !== undefined ? Number(m[1]) : NaN;
  if (!(n >= ctx.versions.min && n <= ctx.versions.max)) {
    throw new MetaError(
      2500,
      `Unknown path components: /${version}. Supported versions: v${ctx.versions.min}.0–v${ctx.versions.max}.0`,
    );
  }
  return version;
}

/**
 * The token of the request: `Authorization: Bearer …` (or `OAuth …`, the scheme Meta's
 * Resumable Upload guide shows) or the `access_token` query parameter.
 */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header);
    return m?.[1]?.trim();
  }
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.access_token === 'string' ? query.access_token : undefined;
}

export type Permission = 'whatsapp_business_messaging' | 'whatsapp_business_management';

/**
 * Checks the token (104/190), its permission (10) and its access to the WABA (200); a
 * management call on a WABA's assets is also counted against its hourly budget (4/80007/80008).
 */
export function authorize(
  ctx: SimContext,
  request: FastifyRequest,
  wabaId: string | undefined,
  permission: Permission,
): AccessTokenDef {
  const token = tokenOf(request);
  if (token === undefined || token === '')
    throw new MetaError(104, 'An access token is required to request this resource.');
  const def = ctx.tokens.get(token);
  if (def === undefined)
    throw new MetaError(190, 'Invalid OAuth access token - Cannot parse access token');
  if (def.expired === true)
    throw new MetaError(190, 'Error validating access token: Session has expired.', 463);
  if (def.permissions !== undefined && !def.permissions.includes(permission)) {
    throw new MetaError(
      10,
      `Application does not have permission for this action (${permission}).`,
    );
  }
  if (wabaId !== undefined && def.wabaIds !== undefined && !def.wabaIds.includes(wabaId)) {
    throw new MetaError(
      200,
      'Permissions error: the access token cannot access this WhatsApp Business Account.',
      1349174,
    );
  }
  if (permission === 'whatsapp_business_management' && wabaId !== undefined)
    chargeManagementCall(ctx, request, wabaId);
  return def;
}

/** Counts a WABA call (BUC): sets the usage header, throws the rate-limit error when over. */
function chargeManagementCall(ctx: SimContext, request: FastifyRequest, wabaId: string): void {
  const usage = ctx.management.charge(wabaId, ctx.clock.now());
  request.bucUsage = usage.header;
  if (usage.exceeded) {
    const code = ctx.settings.limits.managementErrorCode;
    // Meta's examples carry subcode 2446079 on every BUC error.
    throw new MetaError(
      code,
      `Too many calls to this WhatsApp Business Account (${ctx.settings.limits.managementCallsPerHour} per hour).`,
      2446079,
    );
  }
}

/** Meta's answer for an id that does not exist or does not support the call. */
export function unknownObject(id: string, method: string): MetaError {
  return new MetaError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    33,
  );
}
