import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@kiana/simulator';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '@kiana/simulator/testing/webhook-receiver';
import { buildTestApp, type TestApp } from '../../../test/test-app';
import { userWithRole, type SignedIn } from '../auth/auth.testkit';
import type { AccountDto } from '@kiana/contracts';
import type { AccountsModule } from './accounts.module';
import type { TemplatesModule } from '../templates/templates.module';
import type { ConversationsModule } from '../conversations/conversations.module';
import type { Clock } from '../../platform/clock';

/** The simulator's defaults (apps/simulator/src/index.ts, state/seed.ts). */
export const SIM = {
  token: 'sim_access_token',
  appSecret: 'sim_app_secret_123',
  wabaId: '102290129340398',
  phoneId: '106540352242922',
} as const;

/** Adds the simulator's account through the API as `admin`, as an admin does in the UI. */
export async function connectSimAccount(
  app: { inject(options: InjectOptions): Promise<LightMyRequestResponse> },
  admin: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<AccountDto> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/whatsapp/accounts',
    headers: admin.headers,
    payload: {
      name: 'Demo',
      wabaId: SIM.wabaId,
      accessToken: SIM.token,
      appSecret: SIM.appSecret,
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`connect failed: ${res.statusCode} ${res.body}`);
  return res.json<AccountDto>();
}

/** A panel built in-process against an in-process simulator, with a signed-in admin. */
export interface WhatsAppTestbed {
  sim: RunningSimulator;
  receiver: WebhookReceiver;
  t: TestApp;
  admin: SignedIn;
  /** `app.inject` with the admin's session headers. */
  call(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Adds the simulator's account through the API. */
  connect(overrides?: Record<string, unknown>): Promise<AccountDto>;
  accounts(): AccountsModule['accounts'];
  close(): Promise<void>;
}

/**
 * Starts the simulator (webhooks to a verifying receiver) and the panel pointed at it.
 * `panel.clock` gives the panel its clock, e.g. the simulator's own so both share one time.
 */
export async function startTestbed(
  options: SimulatorOptions = {},
  env: Record<string, string> = {},
  panel: { clock?: (sim: RunningSimulator) => Clock } = {},
): Promise<WhatsAppTestbed> {
  const receiver = await startWebhookReceiver(SIM.appSecret);
  const sim = await startSimulator({
    webhookUrl: receiver.url,
    randomSeed: 7,
    ...options,
    review: { delayMs: 10, ...options.review },
  });
  const t = await buildTestApp({
    env: { KIANA_GRAPH_URL: sim.url, ...env },
    logLevel: 'warn',
    clock: panel.clock?.(sim),
  });
  const admin = await userWithRole(t, 'admin');
  const call = (o: InjectOptions) =>
    t.app.inject({ ...o, headers: { ...admin.headers, ...o.headers } });
  return {
    sim,
    receiver,
    t,
    admin,
    call,
    connect: (overrides = {}) => connectSimAccount(t.app, admin, overrides),
    accounts: () => accountsServiceOf(t),
    async close() {
      // The simulator first: once it is down it sends no more webhooks, so the panel's
      // server has no request in flight to wait for while it closes.
      await sim.close();
      await t.close();
      await receiver.close();
    },
  };
}

/** Reaches the accounts service of a built app (for calling webhook handlers directly). */
export function accountsServiceOf(t: TestApp): AccountsModule['accounts'] {
  const found = t.modules.find((m) => m.name === 'accounts');
  if (found === undefined || !('accounts' in found)) throw new Error('accounts module missing');
  return (found as AccountsModule['module']).accounts;
}

/** Reaches the templates service of a built app. */
export function templatesServiceOf(t: TestApp): TemplatesModule['templates'] {
  const found = t.modules.find((m) => m.name === 'templates');
  if (found === undefined || !('templates' in found)) throw new Error('templates module missing');
  return (found as TemplatesModule['module']).templates;
}

/** Reaches the conversations and contacts services of a built app. */
export function conversationsModuleOf(
  t: TestApp,
): Pick<ConversationsModule, 'conversations' | 'contacts'> {
  const found = t.modules.find((m) => m.name === 'conversations');
  if (found === undefined || !('conversations' in found))
    throw new Error('conversations module missing');
  const { conversations, contacts } = found as ConversationsModule['module'];
  return { conversations, contacts };
}
