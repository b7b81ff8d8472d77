import type { Config } from './config';
import { buildApp, type BuildAppOptions, type KianaApp } from './app';
import { createLogger } from './logger';
import { startDemoCompanions, type DemoCompanions } from './demo';
import { demoHistorySeed } from './demo.history';
import { runSeeds } from './seed/seeder';

const SHUTDOWN_LIMIT_MS = 10_000;

/** A listening server and how to stop it. */
export interface RunningServer {
  kiana: KianaApp;
  url: string;
  stop(): Promise<void>;
}

/** Builds the app, applies migrations, listens, and in a worker starts jobs and timed jobs. */
export async function startServer(
  config: Config,
  options: Pick<BuildAppOptions, 'worker' | 'extraModules'> = {},
): Promise<RunningServer> {
  const logger = createLogger(config.logLevel, undefined, config.logFormat);
  let demo: DemoCompanions | undefined;
  if (config.demo) demo = await startDemoCompanions(config, logger);
  const effective = demo?.config ?? config;
  const kiana = await buildApp({
    config: effective,
    logger,
    ...(demo !== undefined ? { clock: demo.clock } : {}),
    ...options,
  });
  if (effective.demo) {
    const added = await kiana.seed();
    // The past is lived through the dispatcher and the jobs: a process that runs them.
    if (demo !== undefined && effective.roles.includes('worker'))
      added.push(
        ...(await runSeeds(
          kiana.ctx.db,
          [
            demoHistorySeed({
              kiana,
              clock: demo.clock,
              simulator: demo.simulator,
              webhookUrl: demo.webhookUrl,
              logger,
            }),
          ],
          logger,
        )),
      );
    if (added.length > 0) logger.info({ steps: added }, 'demo data seeded');
  }
  await kiana.app.listen({ port: effective.port, host: effective.host });
  if (effective.roles.includes('worker')) {
    kiana.ctx.scheduler.start();
    kiana.worker.start();
    kiana.dispatch.module.start();
  }
  const address = kiana.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : effective.port;
  const url = effective.publicUrl ?? `http://localhost:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    kiana,
    url,
    stop: () => {
      stopping ??= (async () => {
        await kiana.close();
        await demo?.close();
      })();
      return stopping;
    },
  };
}

/**
 * Runs until SIGINT or SIGTERM, then stops accepting, drains in-flight requests and
 * background work, closes the database and exits 0 — or exits 1 after 10 s.
 */
export async function runUntilSignalled(
  config: Config,
  onListening?: (url: string) => void,
  options: Pick<BuildAppOptions, 'worker' | 'extraModules'> = {},
): Promise<void> {
  const server = await startServer(config, options);
  onListening?.(server.url);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      // Ctrl-C reaches every process of the group, and `npm start` forwards it as well: the
      // same signal often arrives twice. Only the first starts the shutdown; later ones must
      // not fall through to Node's default handler, which would kill the process mid-drain.
      if (stopping) return;
      stopping = true;
      server.kiana.ctx.logger.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        server.kiana.ctx.logger.error('shutdown took longer than 10 s; exiting');
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS);
      timer.unref();
      server.stop().then(resolve, (error: unknown) => {
        server.kiana.ctx.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
