import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { createApiLogRecorder, type ApiLogRecorder } from './api-log.recorder';
import { registerApiLogTables } from './api-log.privacy';
import { apiLogRoutes } from './api-log.routes';

/** The Graph API call log: give `recorder.observe` to the app's Graph client. */
export function createApiLogModule(ctx: AppContext): Module & { recorder: ApiLogRecorder } {
  registerApiLogTables();
  const recorder = createApiLogRecorder({ ...ctx, db: ctx.db.kysely });
  return {
    name: 'api-log',
    recorder,
    routes: (app) => apiLogRoutes(app, { db: ctx.db.kysely, recorder }),
    close: () => recorder.close(),
  };
}
