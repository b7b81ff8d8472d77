import { createContext, type AccessTokenDef } from './context';
import { SimulatorControl } from './control/control';
import { startChatter } from './customers/chatter';
import { silentLogger, type SimLogger } from './logger';
import { buildApp } from './app';
import { buildSettings, type SettingsInput } from './settings';
import type { CustomerDef, PhoneNumberDef, SeedData, TemplateDef, WabaDef } from './state/model';
import { defaultSeed } from './state/seed';
import { Store } from './state/store';

export type { SimulatorControl, MessageFilter, MessageRecord } from './control/control';
export type { AccessTokenDef } from './context';
export type { SimLogger } from './logger';
export type { CustomerDef, PhoneNumberDef, SeedData, TemplateDef, WabaDef } from './state/model';
export type { Settings, SettingsInput } from './settings';
export type { DeliveryRecord } from './webhooks/sender';
export { defaultSeed } from './state/seed';
export { asciiJson, signature, signingKey } from './webhooks/signing';

export interface SimulatorOptions extends SettingsInput {
  /** 0 = a random free port. */
  port?: number;
  host?: string;
  /** Where signed webhooks are POSTed; can be changed later through the control API. */
  webhookUrl?: string;
  /** Signs `X-Hub-Signature-256`. */
  appSecret?: string;
  /** Access tokens accepted as Bearer tokens. */
  accessTokens?: (string | AccessTokenDef)[];
  logger?: SimLogger;
  /** Accepted Graph API versions (inclusive), default v20.0–v26.0. */
  versions?: { min: number; max: number };
  /** Replace parts of the default seed. */
  waba?: Partial<WabaDef>;
  numbers?: PhoneNumberDef[];
  templates?: TemplateDef[];
  customers?: CustomerDef[];
  /** Simulated seconds per real second for webhook retry backoff (default 60). */
  clockFactor?: number;
  /**
   * Simulated seconds per real second of the clock behind media expiry (30 days uploaded,
   * 7 days received) and the hourly management-call budget (default 1; see `advanceClock`).
   */
  timeScale?: number;
  /** Seed of the PRNG behind probabilities and faults (reproducible tests). */
  randomSeed?: number;
  /** Oldest accepted messages are dropped from the list (not the counts) past this many. */
  maxStoredMessages?: number;
}

export interface RunningSimulator {
  /** Base URL without a version, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  control: SimulatorControl;
  close(): Promise<void>;
}

export const DEFAULT_APP_SECRET = 'sim_app_secret_123';
export const DEFAULT_ACCESS_TOKEN = 'sim_access_token';

/** Starts a simulator listening on loopback (or `host`). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const base = defaultSeed();
  const seed: SeedData = {
    waba: { ...base.waba, ...options.waba },
    phoneNumbers: options.numbers ?? base.phoneNumbers,
    templates: options.templates ?? base.templates,
    customers: options.customers ?? base.customers,
  };
  const settings = buildSettings(options);
  const tokens = (options.accessTokens ?? [DEFAULT_ACCESS_TOKEN]).map((t) =>
    typeof t === 'string' ? { token: t } : t,
  );
  const ctx = createContext({
    store: new Store(seed, options.maxStoredMessages),
    settings,
    logger: options.logger ?? silentLogger,
    tokens,
    versions: options.versions ?? { min: 20, max: 26 },
    webhookUrl: options.webhookUrl,
    appSecret: options.appSecret ?? DEFAULT_APP_SECRET,
    clockFactor: options.clockFactor ?? 60,
    timeScale: options.timeScale ?? 1,
    ...(options.randomSeed !== undefined ? { randomSeed: options.randomSeed } : {}),
  });
  const control = new SimulatorControl(ctx, structuredClone(settings), options.timeScale ?? 1);
  const app = buildApp(ctx, control);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.baseUrl = url;
  const stopChatter = startChatter(ctx);
  ctx.logger.info(
    { url, webhookUrl: options.webhookUrl },
    'WhatsApp Cloud API simulator listening',
  );
  return {
    url,
    port,
    control,
    close: async () => {
      stopChatter();
      ctx.scheduler.clear();
      await ctx.sender.close();
      await app.close();
    },
  };
}
