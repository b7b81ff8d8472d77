import { pino } from 'pino';
import { z } from 'zod';
import { startSimulator } from './index';

// `npm run simulator`: a standalone simulator configured from the environment.

const env = z
  .object({
    SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    SIM_HOST: z.string().default('127.0.0.1'),
    SIM_WEBHOOK_URL: z.url().optional(),
    SIM_APP_SECRET: z.string().min(1).default('sim_app_secret_123'),
    SIM_ACCESS_TOKENS: z.string().default('sim_access_token'),
    SIM_CLOCK_FACTOR: z.coerce.number().positive().default(60),
    SIM_TIME_SCALE: z.coerce.number().positive().default(1),
    SIM_REPLY_RATE: z.coerce.number().min(0).max(1).default(0.2),
    SIM_CHATTER_MS: z.coerce.number().int().min(0).default(0),
    SIM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  })
  .safeParse(process.env);

if (!env.success) {
  console.error(`Invalid simulator environment:\n${z.prettifyError(env.error)}`);
  process.exit(1);
}
const cfg = env.data;
const logger = pino({ level: cfg.SIM_LOG_LEVEL });
const sim = await startSimulator({
  port: cfg.SIM_PORT,
  host: cfg.SIM_HOST,
  webhookUrl: cfg.SIM_WEBHOOK_URL,
  appSecret: cfg.SIM_APP_SECRET,
  accessTokens: cfg.SIM_ACCESS_TOKENS.split(',').map((t) => t.trim()),
  clockFactor: cfg.SIM_CLOCK_FACTOR,
  timeScale: cfg.SIM_TIME_SCALE,
  logger,
});
sim.control.configure({
  behaviour: { replyRate: cfg.SIM_REPLY_RATE, chatterIntervalMs: cfg.SIM_CHATTER_MS },
});
logger.info({ phone: `${sim.url}/_sim/phone` }, 'customer phone page');

const stop = async (): Promise<void> => {
  await sim.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
