import { SimClock } from './clock/sim-clock';
import type { SimLogger } from './logger';
import { ManagementBudget } from './limits/management';
import { Limiter } from './limits/limiter';
import { createRandom } from './random';
import { Scheduler } from './scheduler';
import type { Settings } from './settings';
import type { PhoneNumberDef } from './state/model';
import type { Store } from './state/store';
import { WebhookSender } from './webhooks/sender';

// Everything one running simulator shares; passed to routes and behaviours explicitly.

export interface AccessTokenDef {
  token: string;
  /** WABAs whose assets this token may use (all when omitted). Others → code 200. */
  wabaIds?: string[];
  /** Missing `whatsapp_business_messaging` → sends fail with code 10. */
  permissions?: ('whatsapp_business_messaging' | 'whatsapp_business_management')[];
  /** An expired token → 190 with subcode 463. */
  expired?: boolean;
}

export interface SimContext {
  store: Store;
  settings: Settings;
  limiter: Limiter;
  /** Hourly management-call (BUC) budget per WABA. */
  management: ManagementBudget;
  /** Compressible clock of long-lived timers (media expiry, BUC windows). */
  clock: SimClock;
  sender: WebhookSender;
  scheduler: Scheduler;
  random: () => number;
  logger: SimLogger;
  tokens: Map<string, AccessTokenDef>;
  versions: { min: number; max: number };
  webhookUrl: string | undefined;
  /** Base URL of this simulator (set once listening), used in media URLs and paging links. */
  baseUrl: string;
}

export interface ContextOptions {
  store: Store;
  settings: Settings;
  logger: SimLogger;
  tokens: AccessTokenDef[];
  versions: { min: number; max: number };
  webhookUrl: string | undefined;
  appSecret: string;
  clockFactor: number;
  /** Simulated seconds per real second of `clock` (default 1). */
  timeScale?: number;
  randomSeed?: number;
}

/** Wires the shared services of one simulator. */
export function createContext(options: ContextOptions): SimContext {
  const random = createRandom(options.randomSeed);
  const ctx: SimContext = {
    store: options.store,
    settings: options.settings,
    limiter: new Limiter(() => ctx.settings.limits),
    management: new ManagementBudget(() => ctx.settings.limits),
    clock: new SimClock(options.timeScale ?? 1),
    scheduler: new Scheduler(),
    random,
    logger: options.logger,
    tokens: new Map(options.tokens.map((t) => [t.token, t])),
    versions: options.versions,
    webhookUrl: options.webhookUrl,
    baseUrl: '',
    sender: new WebhookSender({
      appSecret: options.appSecret,
      clockFactor: options.clockFactor,
      webhookUrl: (wabaId) => ctx.store.webhookOverrides.get(wabaId) ?? ctx.webhookUrl,
      faults: () => ctx.settings.faults,
      statuses: () => ctx.settings.statuses,
      webhooks: () => ctx.settings.webhooks,
      random,
      logger: options.logger,
    }),
  };
  return ctx;
}

/** True with probability `p` (using the simulator's seedable randomness). */
export function roll(ctx: SimContext, p: number): boolean {
  return p > 0 && (p >= 1 || ctx.random() < p);
}

/** The number with this id, if any. */
export function phoneById(ctx: SimContext, id: string): PhoneNumberDef | undefined {
  return ctx.store.numbers.get(id);
}
