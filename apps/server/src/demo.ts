import { startSimulator, type SimulatorControl } from '@kiana/simulator';
import type { Config } from './config';
import type { Logger } from './logger';
import { travelClock, type TravelClock } from './platform/clock';

/** What demo mode runs beside the panel (the Cloud API simulator) and the config it implies. */
export interface DemoCompanions {
  config: Config;
  /** The panel's clock: the system clock, sent back in step with the simulator's for the history. */
  clock: TravelClock;
  simulator: SimulatorControl;
  /** Where the simulator posts its webhooks: the panel's public intake. */
  webhookUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the Cloud API simulator beside the panel and points the Graph API URL at it.
 * Its simulated customers write in now and then (KIANA_SIMULATOR_CHATTER_MS) so the
 * webhook log and contacts show a living account.
 */
export async function startDemoCompanions(config: Config, logger: Logger): Promise<DemoCompanions> {
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const webhookUrl = `${publicUrl}/webhooks/whatsapp`;
  const sim = await startSimulator({
    port: config.simulatorPort,
    webhookUrl,
    logger,
    behaviour: { chatterIntervalMs: config.simulatorChatterMs },
  });
  logger.info({ url: sim.url }, 'Cloud API simulator started');
  return {
    config: { ...config, graphUrl: sim.url },
    clock: travelClock(),
    simulator: sim.control,
    webhookUrl,
    close: () => sim.close(),
  };
}
