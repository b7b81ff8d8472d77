import { startSimulator } from '@kiana/simulator';
import type { Config } from './config';
import type { Logger } from './logger';

/** What demo mode runs beside the panel (the Cloud API simulator) and the config it implies. */
export interface DemoCompanions {
  config: Config;
  close(): Promise<void>;
}

/**
 * Starts the Cloud API simulator beside the panel and points the Graph API URL at it.
 * Its simulated customers write in now and then (KIANA_SIMULATOR_CHATTER_MS) so the
 * webhook log and contacts show a living account.
 */
export async function startDemoCompanions(config: Config, logger: Logger): Promise<DemoCompanions> {
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const sim = await startSimulator({
    port: config.simulatorPort,
    webhookUrl: `${publicUrl}/webhooks/whatsapp`,
    logger,
    behaviour: { chatterIntervalMs: config.simulatorChatterMs },
  });
  logger.info({ url: sim.url }, 'Cloud API simulator started');
  return { config: { ...config, graphUrl: sim.url }, close: () => sim.close() };
}
