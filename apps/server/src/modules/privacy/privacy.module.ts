import type { AppContext } from '../../app-context';
import type { ZodApp } from '../../http/types';
import type { Module } from '../module';
import { systemActor, type AuditService } from '../audit/audit.service';
import { createDeletionService, type DeletionService } from './deletion.service';
import { createExportService } from './export.service';
import { createCorrectionService, type ContactEditor } from './correction.service';
import { createContactErasure, type ContactErasure } from './contact-erasure';
import { createRetentionService, type RetentionService } from './retention.service';
import { createPrivacySettings } from './privacy.settings';
import { createSuppression, type Suppression } from './suppression';
import { createSecrets } from '../../crypto/secrets';
import { createLegalService } from './legal/legal.service';
import { legalRoutes } from './legal/legal.routes';
import { privacyRoutes } from './privacy.routes';
import { registerKnownTables } from './registrations';

const HOUR = 3_600_000;
/** The purge runs once a day; the job looks every hour so a restart never skips a day. */
const PURGE_EVERY_MS = 24 * HOUR;

/** What the privacy module gives the app and other modules. */
export interface PrivacyModule extends Module {
  /** Campaigns and the inbox ask this before messaging a number. */
  suppression: Suppression;
  deletion: DeletionService;
  retention: RetentionService;
  /** Contacts deleted from the panel are erased through the registry. */
  contactErasure: ContactErasure;
  /** Registers the public legal pages and deletion endpoints (outside /api). */
  install(app: ZodApp): Promise<void>;
}

/**
 * The privacy module. `appSecrets` lists the app secrets of connected accounts (to verify
 * Meta's data deletion callback); the accounts service provides them.
 */
export function privacyModule(
  ctx: AppContext,
  deps: {
    audit: AuditService;
    appSecrets: () => Promise<string[]>;
    /** The contacts module's edit, for correction requests (built after this module). */
    contacts: () => ContactEditor;
  },
): PrivacyModule {
  registerKnownTables();
  const { clock } = ctx;
  const db = ctx.db.kysely;
  const settings = createPrivacySettings({
    db,
    settings: ctx.settings,
    audit: deps.audit,
    demo: ctx.config.demo,
  });
  const suppression = createSuppression({ db, secrets: createSecrets(ctx.keyring), clock });
  const base = { db, clock, audit: deps.audit, files: ctx.files };
  const deletion = createDeletionService({ ...base, suppression });
  const retention = createRetentionService({ ...base, settings, logger: ctx.logger });
  const exporter = createExportService({ ...base, settings });
  const corrections = createCorrectionService({ ...base, deletion, contacts: deps.contacts });
  const legal = createLegalService({ db, clock, audit: deps.audit, settings });
  return {
    name: 'privacy',
    suppression,
    deletion,
    retention,
    contactErasure: createContactErasure({ db, files: ctx.files, suppression }),
    routes(app) {
      privacyRoutes(app, {
        deletion,
        corrections,
        retention,
        exporter,
        settings,
        legal,
        audit: deps.audit,
      });
    },
    install: (app) =>
      legalRoutes(app, {
        legal,
        deletion,
        publicUrl: ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`,
        appSecrets: deps.appSecrets,
      }),
    jobs: [
      {
        name: 'privacy.purge',
        intervalMs: HOUR,
        run: async () => {
          if (await retention.isDue(PURGE_EVERY_MS - HOUR / 2))
            await retention.run({
              dryRun: false,
              trigger: 'schedule',
              actor: systemActor('purge:schedule'),
            });
        },
      },
    ],
  };
}
