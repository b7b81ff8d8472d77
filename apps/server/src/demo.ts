import type { Config } from './config';
import type { Logger } from './logger';

/** What demo mode runs beside the panel (the Cloud API simulator) and the config it implies. */
export interface DemoCompanions {
  config: Config;
  close(): Promise<void>;
}

/**
 * Starts the simulator beside the panel when the simulator package provides one, and
 * points the Graph API URL at it.
 */
export async function startDemoCompanions(config: Config, logger: Logger): Promise<DemoCompanions> {
  const simulator = await loadSimulator();
  if (simulator === undefined) return { config, close: async () => {} };
  const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const sim = await simulator.startSimulator({
    port: config.simulatorPort,
    webhookUrl: `${publicUrl}/webhooks/whatsapp`,
    logger,
  });
  logger.info({ url: sim.url }, 'Cloud API simulator started');
  return { config: { ...config, graphUrl: sim.url }, close: () => sim.close() };
}

interface SimulatorModule {
  startSimulator(options: { port: number; webhookUrl: string; logger: Logger }): Promise<{
    url: string;
    close(): Promise<void>;
  }>;
}

async function loadSimulator(): Promise<SimulatorModule | undefined> {
  try {
    const mod = (await import('@kiana/simulator')) as Partial<SimulatorModule>;
    return typeof mod.startSimulator === 'function' ? (mod as SimulatorModule) : undefined;
  } catch {
    return undefined;
  }
}
