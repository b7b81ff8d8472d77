import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { createApiLogRecorder, type ApiLogRecorder } from './api-log.recorder';
import { registerApiLogTables } from './api-log.privacy';
import { apiLogRoutes } from './api-log.routes';

/** The Graph API call log: give `recorder.observe` to the app's Graph client. */
export function createApiLogModule(ctx: AppContext): Module & { recorder: ApiLogRecorder } {
  registerApiLogTables();
  const recorder = createApiLogRecorder(ctx);
  return {
    name: 'api-log',
    recorder,
    routes: (app) => apiLogRoutes(app, { db: ctx.db, recorder }),
    close: () => recorder.close(),
  };
}
