import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { ContactsService } from './contacts.service';
import { createConsentService, type ConsentService } from './consent.service';
import { consentRoutes } from './consent.routes';
import { registerConsentTables } from './consent.privacy';

/** The consent ledger's API and registry entry; the ledger itself is written by `recordConsent`. */
export function createConsentModule(
  ctx: AppContext,
  deps: { contacts: ContactsService; audit: AuditService },
): Module & { consent: ConsentService } {
  registerConsentTables();
  const consent = createConsentService({
    db: ctx.db.kysely,
    contacts: deps.contacts,
    audit: deps.audit,
    now: () => ctx.clock.now(),
  });
  return { name: 'consent', consent, routes: (app) => consentRoutes(app, consent) };
}
