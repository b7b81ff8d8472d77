import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { createAuditService, type AuditService } from './audit.service';
import { auditRoutes } from './audit.routes';

/** The audit module; `service` is what other module factories receive. */
export function auditModule(ctx: AppContext): Module & { service: AuditService } {
  const service = createAuditService({ db: ctx.db.kysely, clock: ctx.clock });
  return {
    name: 'audit',
    service,
    routes(app) {
      auditRoutes(app, service);
    },
  };
}
