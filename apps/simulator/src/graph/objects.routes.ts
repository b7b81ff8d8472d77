import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../context';
import { digitsOf, type PhoneNumberDef } from '../state/model';
import { editTemplate, toGraphTemplate } from '../templates/service';
import { expirePauses } from '../templates/lifecycle';
import { authorize, checkVersion, unknownObject } from './auth';
import { liveMedia } from '../media/lifetime';
import { mediaInfo } from './media.routes';
import { MetaError } from './errors';

// GET/POST/DELETE /{version}/{id} for numbers, templates, media and the WABA itself, plus
// GET /{waba-id}/phone_numbers and subscribed_apps (NOTES §5.1, §9).

interface Params {
  version: string;
  id: string;
}

const defaultPhoneFields = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];

/** The Graph representation of a phone number with the requested `fields`. */
export function phoneToGraph(
  ctx: SimContext,
  p: PhoneNumberDef,
  fields?: string,
): Record<string, unknown> {
  const tier = ctx.store.waba.messagingLimitTier;
  const all: Record<string, unknown> = {
    id: p.id,
    display_phone_number: p.displayPhoneNumber,
    verified_name: p.verifiedName,
    quality_rating: p.qualityRating,
    code_verification_status: 'VERIFIED',
    name_status: 'APPROVED',
    // v23's WhatsAppPhoneNumberStatus enum (PENDING, LINKED, UNLINKED, DELETED, MIGRATED,
    // BANNED, RESTRICTED); the older CONNECTED is not in it.
    status: phoneStatus(ctx, p),
    // Test numbers are in sandbox mode (they only reach their allow-list, 131030).
    account_mode: p.testNumber === true ? 'SANDBOX' : 'LIVE',
    platform_type: 'CLOUD_API',
    host_platform: 'CLOUD_API',
    is_official_business_account: false,
    is_pin_enabled: true,
    country_code: 'US',
    country_dial_code: digitsOf(p.displayPhoneNumber).slice(0, 1),
    messaging_limit_tier: tier,
    whatsapp_business_manager_messaging_limit: tier,
    throughput: {
      level:
        p.throughputLevel === 'HIGH'
          ? 'HIGH'
          : p.throughputLevel === 'COEXISTENCE'
            ? 'NOT_APPLICABLE'
            : 'STANDARD',
    },
  };
  const wanted =
    fields
      ?.split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '') ?? defaultPhoneFields;
  const out: Record<string, unknown> = {};
  for (const f of wanted) if (all[f] !== undefined) out[f] = all[f];
  out.id = p.id;
  return out;
}

function phoneStatus(ctx: SimContext, p: PhoneNumberDef): string {
  const r = ctx.store.restrictions.get(p.wabaId);
  if (r?.banned === true) return 'BANNED';
  if (r?.bizInitiatedUntil !== undefined && ctx.clock.now() < r.bizInitiatedUntil)
    return 'RESTRICTED';
  return 'LINKED';
}

/** Registers the per-object endpoints. */
export function registerObjectRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get<{ Params: Params; Querystring: { fields?: string } }>(
    '/:version/:id',
    async (request) => {
      checkVersion(ctx, request.params.version);
      const { id } = request.params;
      const phone = ctx.store.numbers.get(id);
      if (phone !== undefined) {
        authorize(ctx, request, phone.wabaId, 'whatsapp_business_management');
        return phoneToGraph(ctx, phone, request.query.fields);
      }
      const tpl = ctx.store.templates.get(id);
      if (tpl !== undefined) {
        authorize(ctx, request, tpl.wabaId, 'whatsapp_business_management');
        expirePauses(ctx);
        return toGraphTemplate(tpl);
      }
      const media = liveMedia(ctx, id);
      if (media !== undefined) {
        authorize(ctx, request, undefined, 'whatsapp_business_messaging');
        return mediaInfo(ctx, media);
      }
      if (id === ctx.store.waba.id) {
        const w = ctx.store.waba;
        authorize(ctx, request, w.id, 'whatsapp_business_management');
        return {
          id: w.id,
          name: w.name,
          timezone_id: w.timezoneId,
          message_template_namespace: w.messageTemplateNamespace,
          currency: 'USD',
        };
      }
      authorize(ctx, request, undefined, 'whatsapp_business_management');
      throw unknownObject(id, 'get');
    },
  );

  app.post<{ Params: Params }>('/:version/:id', async (request) => {
    checkVersion(ctx, request.params.version);
    const tpl = ctx.store.templates.get(request.params.id);
    authorize(ctx, request, tpl?.wabaId, 'whatsapp_business_management');
    if (tpl === undefined) throw unknownObject(request.params.id, 'post');
    editTemplate(ctx, tpl, request.body);
    return { success: true };
  });

  app.delete<{ Params: Params }>('/:version/:id', async (request) => {
    checkVersion(ctx, request.params.version);
    authorize(ctx, request, undefined, 'whatsapp_business_messaging');
    if (!ctx.store.media.delete(request.params.id))
      throw unknownObject(request.params.id, 'delete');
    return { success: true };
  });

  app.get<{ Params: { version: string; wabaId: string }; Querystring: { fields?: string } }>(
    '/:version/:wabaId/phone_numbers',
    async (request) => {
      checkVersion(ctx, request.params.version);
      authorize(ctx, request, request.params.wabaId, 'whatsapp_business_management');
      if (request.params.wabaId !== ctx.store.waba.id)
        throw unknownObject(request.params.wabaId, 'get');
      const data = [...ctx.store.numbers.values()]
        .filter((p) => p.wabaId === request.params.wabaId)
        .map((p) => phoneToGraph(ctx, p, request.query.fields));
      return { data, paging: { cursors: { before: 'QVFIUmxp', after: 'QVFIUmxp' } } };
    },
  );

  registerSubscribedApps(app, ctx);
}

function registerSubscribedApps(app: FastifyInstance, ctx: SimContext): void {
  const path = '/:version/:wabaId/subscribed_apps';
  type P = { Params: { version: string; wabaId: string } };
  const check = (request: FastifyRequest<P>): void => {
    checkVersion(ctx, request.params.version);
    authorize(ctx, request, request.params.wabaId, 'whatsapp_business_management');
    if (request.params.wabaId !== ctx.store.waba.id)
      throw unknownObject(request.params.wabaId, request.method);
  };
  app.get<P>(path, async (request) => {
    check(request);
    const override = ctx.store.webhookOverrides.get(request.params.wabaId);
    const data = [...ctx.store.subscribedApps].map((id) => ({
      whatsapp_business_api_data: {
        id,
        link: `https://www.facebook.com/games/?app_id=${id}`,
        name: 'Kiana Panel',
      },
      ...(override !== undefined ? { override_callback_uri: override } : {}),
    }));
    return { data };
  });
  app.post<P>(path, async (request) => {
    check(request);
    const body = (request.body ?? {}) as {
      override_callback_uri?: unknown;
      verify_token?: unknown;
    };
    if (body.override_callback_uri !== undefined) {
      if (typeof body.override_callback_uri !== 'string' || typeof body.verify_token !== 'string') {
        throw new MetaError(100, 'override_callback_uri requires verify_token');
      }
      // A malformed URL is the caller's error (Meta answers 100), never a server failure.
      if (!isHttpUrl(body.override_callback_uri))
        throw new MetaError(100, 'Param override_callback_uri must be a valid https URL');
      await verifyCallback(body.override_callback_uri, body.verify_token);
      ctx.store.webhookOverrides.set(request.params.wabaId, body.override_callback_uri);
    }
    ctx.store.subscribedApps.add(ctx.store.waba.appId);
    return { success: true };
  });
  app.delete<P>(path, async (request) => {
    check(request);
    ctx.store.subscribedApps.clear();
    ctx.store.webhookOverrides.delete(request.params.wabaId);
    return { success: true };
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Meta's verification GET: the endpoint must echo `hub.challenge` (NOTES §3.1). */
async function verifyCallback(url: string, verifyToken: string): Promise<void> {
  const challenge = String(Math.floor(Math.random() * 1e9));
  const u = new URL(url);
  u.searchParams.set('hub.mode', 'subscribe');
  u.searchParams.set('hub.challenge', challenge);
  u.searchParams.set('hub.verify_token', verifyToken);
  let ok: boolean;
  try {
    const res = await fetch(u, { signal: AbortSignal.timeout(5000) });
    ok = res.ok && (await res.text()) === challenge;
  } catch {
    ok = false;
  }
  if (!ok)
    throw new MetaError(
      100,
      'Callback verification failed: the URL did not echo hub.challenge',
      2200,
    );
}
