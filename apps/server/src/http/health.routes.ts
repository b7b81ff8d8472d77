import { z } from 'zod';
import type { AppContext } from '../app-context';
import type { ZodApp } from './types';
import { pingDatabase } from '../db/database';
import { migrationStatus } from '../db/migrate';

/** `/healthz`: the process is alive. `/readyz`: the database answers and migrations are at head. */
export function healthRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        response: { 200: z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }) },
      },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  const readyBody = z.object({
    status: z.enum(['ready', 'not_ready']),
    database: z.enum(['ok', 'unreachable']),
    migrations: z.object({ applied: z.number(), pending: z.array(z.string()) }),
  });
  app.get(
    '/readyz',
    { config: { access: 'public' }, schema: { response: { 200: readyBody, 503: readyBody } } },
    async (_request, reply) => {
      const reachable = await pingDatabase(ctx.db);
      let applied = 0;
      let pending: string[] = [];
      if (reachable) {
        const status = await migrationStatus(ctx.db).catch(() => undefined);
        if (status === undefined) pending = ['(unknown)'];
        else {
          applied = status.filter((m) => m.executedAt !== undefined).length;
          pending = status.filter((m) => m.executedAt === undefined).map((m) => m.name);
        }
      }
      const ready = reachable && pending.length === 0;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        database: reachable ? 'ok' : 'unreachable',
        migrations: { applied, pending },
      });
    },
  );
}
