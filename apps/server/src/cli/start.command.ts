import type { Command } from 'commander';
import { configOrExit } from './env';
import { runUntilSignalled } from '../server';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Apply migrations and start the panel (HTTP API, web app, webhooks, jobs)')
    .option(
      '--demo',
      'demo mode: start the Cloud API simulator beside the panel and add sample data',
    )
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'address to bind (overrides HOST)')
    .option(
      '--roles <roles>',
      'web (API, web app, webhooks, event stream), worker (jobs) or web,worker (overrides KIANA_ROLES)',
    )
    .action(async (options: { demo?: boolean; port?: string; host?: string; roles?: string }) => {
      const config = configOrExit({
        KIANA_DEMO: options.demo === true ? '1' : undefined,
        PORT: options.port,
        HOST: options.host,
        KIANA_ROLES: options.roles,
      });
      await runUntilSignalled(config, (url) => {
        process.stdout.write(`\nKiana WhatsApp Panel is running at ${url}\n`);
        if (config.demo)
          process.stdout.write('Demo mode: the Cloud API simulator runs beside it.\n');
        process.stdout.write('Press Ctrl-C to stop.\n\n');
      });
      process.exit(0);
    });
}
