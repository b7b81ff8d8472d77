import type { AppContext } from '../../../app-context';
import type { Module } from '../../module';
import type { AuditService } from '../../audit/audit.service';
import { contactImportJob } from './imports.job';
import { contactExportJob, createExportsService, type ExportDeps } from './exports.job';
import { registerImportTables } from './imports.privacy';
import { purgeImports } from './imports.purge';
import { importsRoutes } from './imports.routes';
import type { AttributeDef } from './imports.rows';
import { createImportsService, type ImportsService } from './imports.service';

const HOUR = 3_600_000;

export interface ImportsModuleDeps {
  audit: AuditService;
  /** The default country setting, used when an import names none. */
  defaultCountry(): Promise<string | null>;
  /** The declared custom attributes: the mapping guess and the value types. */
  attributeDefs(): Promise<AttributeDef[]>;
  batchSize?: number;
  /** The contacts module's filter compiler, for exports of a segment. */
  compile: ExportDeps['compile'];
}

/** Contact import and export: routes, the durable jobs and the purge of old files. */
export function createContactImportsModule(
  ctx: AppContext,
  deps: ImportsModuleDeps,
): Module & { service: ImportsService } {
  registerImportTables();
  const { db, files, clock, bus } = ctx;
  const job = ctx.jobs.register(
    contactImportJob({
      db,
      files,
      clock,
      bus,
      audit: deps.audit,
      attributeDefs: deps.attributeDefs,
      batchSize: deps.batchSize,
    }),
  );
  const service = createImportsService({
    db,
    files,
    clock,
    audit: deps.audit,
    jobs: ctx.jobs,
    job,
    attributeKeys: async () => (await deps.attributeDefs()).map((d) => d.key),
    defaultCountry: deps.defaultCountry,
  });
  const exportDeps = { db, files, clock, audit: deps.audit, compile: deps.compile };
  const exportJob = ctx.jobs.register(contactExportJob(exportDeps));
  const exports = createExportsService({ ...exportDeps, jobs: ctx.jobs, job: exportJob });
  return {
    name: 'contact-imports',
    service,
    routes: (app) => importsRoutes(app, service, exports),
    jobs: [
      {
        name: 'contacts.imports-purge',
        intervalMs: HOUR,
        run: async () => void (await purgeImports({ db: db.kysely, files, clock })),
      },
    ],
  };
}
