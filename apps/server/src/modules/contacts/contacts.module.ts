import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import type { AuditService } from '../audit/audit.service';
import type { ConversationHistory } from '../conversations/conversations.module';
import type { ContactErasure } from '../privacy/contact-erasure';
import type { ContactsService } from './contacts.service';
import { registerContactsAudienceTables } from './contacts.privacy';
import { createContactsManageService, type ContactsManageService } from './contacts.manage.service';
import { createSegmentsService, type SegmentsService } from './contacts.segments.service';
import { createTagsService, type TagsService } from './contacts.tags.service';
import { moveContactTags } from './contacts.tags.repo';
import { contactsRoutes } from './contacts.routes';

/** What the contacts module gives the app and later modules (import, campaigns). */
export interface ContactsModule extends Module {
  manage: ContactsManageService;
  tags: TagsService;
  segments: SegmentsService;
}

/** Builds contacts, tags and segments (issue 14) over the intake's contacts service. */
export function createContactsModule(
  ctx: AppContext,
  deps: {
    audit: AuditService;
    contacts: ContactsService;
    history: ConversationHistory;
    erasure: ContactErasure;
  },
): ContactsModule {
  registerContactsAudienceTables();
  // A BSUID-only contact merged into the phone's keeps its tags.
  deps.contacts.onMerge(moveContactTags);
  const base = { db: ctx.db.kysely, clock: ctx.clock, audit: deps.audit };
  const tags = createTagsService(base);
  const segments = createSegmentsService({ ...base, settings: ctx.settings });
  const manage = createContactsManageService({
    ...base,
    settings: ctx.settings,
    segments,
    tags,
    history: deps.history,
    erasure: deps.erasure,
  });
  return {
    name: 'contacts',
    manage,
    tags,
    segments,
    routes: (app) => contactsRoutes(app, { contacts: manage, tags, segments }),
  };
}
