import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { ContactsService } from './contacts.service';
import { createConsentService, type ConsentService } from './consent.service';
import { consentRoutes } from './consent.routes';
import { registerConsentTables } from './consent.privacy';
import type { Sender } from '../campaigns/sender/sender';
import {
  createConsentKeywordsService,
  keywordReplyHandler,
  keywordReplyJobKind,
  type ConsentKeywordsService,
} from './consent.keywords';

/** The consent ledger's API and registry entry; the ledger itself is written by `recordConsent`. */
export function createConsentModule(
  ctx: AppContext,
  deps: {
    contacts: ContactsService;
    audit: AuditService;
    /** The one Sender (built by campaigns' dispatch), for keyword confirmations. */
    sender: () => Pick<Sender, 'send'>;
  },
): Module & { consent: ConsentService; keywords: ConsentKeywordsService } {
  registerConsentTables();
  const consent = createConsentService({
    db: ctx.db.kysely,
    contacts: deps.contacts,
    audit: deps.audit,
    now: () => ctx.clock.now(),
  });
  const keywords = createConsentKeywordsService({
    db: ctx.db.kysely,
    settings: ctx.settings,
    audit: deps.audit,
  });
  const reply = ctx.jobs.register(keywordReplyJobKind({ sender: deps.sender, logger: ctx.logger }));
  deps.contacts.onKeywordConsent(keywordReplyHandler(ctx.jobs, reply));
  return {
    name: 'consent',
    consent,
    keywords,
    routes: (app) => consentRoutes(app, consent, keywords),
  };
}
