import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { ZodApp } from '../../http/types';
import { serverInfoSchema } from '@kiana/contracts';

/** Facts about this installation that the SPA needs before anyone signs in. */
export function systemModule(ctx: AppContext): Module {
  return {
    name: 'system',
    routes(app: ZodApp) {
      app.get(
        '/meta',
        {
          config: { access: 'public' },
          schema: { response: { 200: serverInfoSchema } },
        },
        async () => ({
          name: 'Kiana WhatsApp Panel',
          version: '0.1.0',
          demo: ctx.config.demo,
          database: ctx.db.dialect,
          time: new Date(ctx.clock.now()).toISOString(),
        }),
      );
    },
  };
}
