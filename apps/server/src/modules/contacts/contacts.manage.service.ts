import type {
  ContactBulkInput,
  ContactBulkResult,
  ContactCreate,
  ContactDetail,
  ContactPage,
  ContactQueryInput,
  ContactSummary,
  ContactUpdate,
} from '@kiana/contracts';
import { inTransaction, type Executor } from '../../db/executor';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Clock } from '../../platform/clock';
import type { SettingsStore } from '../../platform/settings/settings';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { ContactErasure } from '../privacy/contact-erasure';
import type { ConversationHistory } from '../conversations/conversations.module';
import { findContactById, type ContactRow } from './contacts.repo';
import * as list from './contacts.list.repo';
import * as tags from './contacts.tags.repo';
import { mergeAttributes, parseAttributes, type StoredAttributes } from './contacts.attributes';
import { attributeDefsSetting, defaultCountrySetting } from './contacts.settings';
import { normalisePhone } from './contacts.phone';
import type { SegmentsService } from './contacts.segments.service';
import type { TagsService } from './contacts.tags.service';

/** The Contacts page and API: list, detail, create, edit, delete, bulk actions. */
export interface ContactsManageService {
  query(input: ContactQueryInput): Promise<ContactPage>;
  get(id: string): Promise<ContactDetail>;
  create(input: ContactCreate, who: AuditContext): Promise<ContactDetail>;
  update(id: string, input: ContactUpdate, who: AuditContext): Promise<ContactDetail>;
  /** The same edit inside the caller's transaction (privacy's correction requests). */
  updateWithin(
    ex: Executor,
    id: string,
    input: ContactUpdate,
    who: AuditContext,
  ): Promise<ContactDetail>;
  /** Erases the contact through privacy's erasure; `suppress` also bars the number for good. */
  remove(id: string, opts: { suppress: boolean }, who: AuditContext): Promise<void>;
  bulk(input: ContactBulkInput, who: AuditContext): Promise<ContactBulkResult>;
}

const RECENT_MESSAGES = 20;
/** Erasure resolves each person across every table; past this, narrow the filter first. */
const MAX_BULK_DELETE = 10_000;
const ERASE_CHUNK = 500;

/** Creates the service. */
export function createContactsManageService(deps: {
  db: Executor;
  clock: Clock;
  settings: SettingsStore;
  audit: AuditService;
  segments: SegmentsService;
  tags: TagsService;
  history: ConversationHistory;
  erasure: ContactErasure;
}): ContactsManageService {
  const { db, clock, audit } = deps;

  async function load(ex: Executor, id: string): Promise<ContactRow> {
    const row = await findContactById(ex, id);
    if (row === undefined) throw new NotFoundError('Contact', id);
    return row;
  }

  async function summaries(ex: Executor, rows: readonly ContactRow[]): Promise<ContactSummary[]> {
    const byContact = new Map<string, ContactSummary['tags']>();
    for (const t of await tags.tagsOfContacts(
      ex,
      rows.map((r) => r.id),
    )) {
      const held = byContact.get(t.contactId) ?? [];
      held.push({ id: t.id, name: t.name, colour: t.colour });
      byContact.set(t.contactId, held);
    }
    return rows.map((r) => toSummary(r, byContact.get(r.id) ?? []));
  }

  async function detail(ex: Executor, id: string): Promise<ContactDetail> {
    const row = await load(ex, id);
    const [summary] = await summaries(ex, [row]);
    const history = await deps.history.forContact(ex, id, RECENT_MESSAGES);
    return {
      ...(summary as ContactSummary),
      userId: row.userId,
      messageCount: history.count,
      recentMessages: history.recent,
      // Campaigns arrive with issue 15; until then no contact has received one.
      campaigns: [],
    };
  }

  /** The number through the normaliser, refused with its reason, and not another contact's. */
  async function phoneFields(ex: Executor, phone: string, self: string | null) {
    const country = (await deps.settings.get(ex, defaultCountrySetting)).value;
    const result = normalisePhone(phone, { defaultCountry: country });
    if (!result.ok) throw new ValidationError(result.reason, { field: 'phone' });
    const waId = result.e164.slice(1);
    const other = await list.findContactByPhone(ex, result.e164, waId);
    if (other !== undefined && other.id !== self)
      throw new ConflictError('A contact with this number exists', {
        field: 'phone',
        existingId: other.id,
      });
    return { phoneE164: result.e164, waId, country: result.country };
  }

  async function attributesOf(
    ex: Executor,
    current: StoredAttributes,
    changes: ContactCreate['attributes'],
  ): Promise<string> {
    const defs = (await deps.settings.get(ex, attributeDefsSetting)).value;
    const merged = mergeAttributes(current, changes ?? {}, defs);
    if (!merged.ok) {
      const first = merged.problems[0];
      throw new ValidationError(first?.message ?? 'Invalid attributes', {
        field: first?.field,
        problems: merged.problems,
      });
    }
    return JSON.stringify(merged.attributes);
  }

  async function selectionWhere(
    ex: Executor,
    selection: ContactBulkInput['selection'],
  ): Promise<list.ContactWhere> {
    if ('ids' in selection) {
      const ids = [...new Set(selection.ids)];
      return (eb) => eb('contacts.id', 'in', ids);
    }
    return deps.segments.compile(ex, selection.filter);
  }

  async function updateWithin(
    ex: Executor,
    id: string,
    input: ContactUpdate,
    who: AuditContext,
  ): Promise<ContactDetail> {
    return inTransaction(ex, async (tx) => {
      const row = await load(tx, id);
      const fields: Partial<list.ContactFields> = {};
      if (input.phone !== undefined) {
        const phone = await phoneFields(tx, input.phone, id);
        // A wa_id Meta gave that differs from the number's digits (Mexico's 521, Brazil's
        // ninth digit) is WhatsApp's key for this person: a number edit keeps it.
        const isMetaWaId = row.waId !== null && `+${row.waId}` !== row.phoneE164;
        fields.phoneE164 = phone.phoneE164;
        fields.country = phone.country;
        if (!isMetaWaId) fields.waId = phone.waId;
      }
      if (input.name !== undefined) fields.name = input.name;
      if (input.language !== undefined) fields.language = input.language;
      if (input.attributes !== undefined)
        fields.attributes = await attributesOf(
          tx,
          parseAttributes(row.attributes),
          input.attributes,
        );
      const now = clock.now();
      if (input.tagIds !== undefined) {
        await deps.tags.assertExist(tx, input.tagIds);
        await tags.setContactTags(tx, id, input.tagIds, now);
      }
      await list.updateContactFields(tx, id, fields, now);
      await audit.record(tx, {
        ...who,
        action: 'contact.update',
        target: { type: 'contact', id },
        // Which fields changed, never their values (the audit log outlives the contact).
        details: { fields: Object.keys(input).sort().join(',') },
      });
      return detail(tx, id);
    });
  }

  return {
    async query(input) {
      const where = await deps.segments.compile(db, input.filter);
      const page = await list.listContactsPage(db, where, input);
      return {
        contacts: await summaries(db, page.rows),
        total: page.total,
        page: input.page,
        pageSize: input.pageSize,
      };
    },

    get: (id) => detail(db, id),

    async create(input, who) {
      return db.transaction().execute(async (tx) => {
        const phone = await phoneFields(tx, input.phone, null);
        const attributes = await attributesOf(tx, {}, input.attributes);
        if (input.tagIds !== undefined) await deps.tags.assertExist(tx, input.tagIds);
        const now = clock.now();
        const id = await list.insertContact(
          tx,
          {
            ...phone,
            name: input.name ?? null,
            language: input.language ?? null,
            attributes,
          },
          now,
        );
        if (input.tagIds !== undefined) await tags.setContactTags(tx, id, input.tagIds, now);
        await audit.record(tx, {
          ...who,
          action: 'contact.create',
          target: { type: 'contact', id },
          details: { tags: input.tagIds?.length ?? 0 },
        });
        return detail(tx, id);
      });
    },

    update: (id, input, who) => updateWithin(db, id, input, who),
    updateWithin,

    async remove(id, opts, who) {
      await load(db, id);
      await deps.erasure.erase([id], opts, async (tx, erased) => {
        await audit.record(tx, {
          ...who,
          action: 'contact.delete',
          target: { type: 'contact', id },
          details: { rows: erased.rows, suppressed: opts.suppress },
        });
      });
    },

    async bulk(input, who) {
      const { action, selection } = input;
      const how = 'ids' in selection ? 'ids' : 'filter';
      if (action.type === 'delete') return bulkDelete(selection, how, who);
      return db.transaction().execute(async (tx) => {
        await deps.tags.assertExist(tx, action.tagIds);
        const where = await selectionWhere(tx, selection);
        const affected = await list.countContacts(tx, where);
        const changed =
          action.type === 'addTags'
            ? await tags.addTagsWhere(tx, where, action.tagIds, clock.now())
            : await tags.removeTagsWhere(tx, where, action.tagIds);
        await audit.record(tx, {
          ...who,
          action: action.type === 'addTags' ? 'contact.bulk.tag' : 'contact.bulk.untag',
          target: { type: 'contacts' },
          details: { selection: how, contacts: affected, changed, tags: action.tagIds.join(',') },
        });
        return { affected };
      });
    },
  };

  async function bulkDelete(
    selection: ContactBulkInput['selection'],
    how: string,
    who: AuditContext,
  ): Promise<ContactBulkResult> {
    const where = await selectionWhere(db, selection);
    const ids = await list.contactIdsMatching(db, where, MAX_BULK_DELETE + 1);
    if (ids.length > MAX_BULK_DELETE)
      throw new ValidationError(
        `At most ${MAX_BULK_DELETE} contacts can be deleted at once; narrow the selection`,
        { field: 'selection' },
      );
    for (let i = 0; i < ids.length; i += ERASE_CHUNK) {
      const chunk = ids.slice(i, i + ERASE_CHUNK);
      await deps.erasure.erase(chunk, { suppress: false }, async (tx, erased) => {
        await audit.record(tx, {
          ...who,
          action: 'contact.bulk.delete',
          target: { type: 'contacts' },
          details: { selection: how, contacts: chunk.length, rows: erased.rows },
        });
      });
    }
    return { affected: ids.length };
  }
}

function toSummary(row: ContactRow, held: ContactSummary['tags']): ContactSummary {
  return {
    id: row.id,
    phoneE164: row.phoneE164,
    waId: row.waId,
    username: row.username,
    // Display name: the one given here (admin, import, API), else WhatsApp's.
    name: row.name ?? row.profileName,
    givenName: row.name,
    profileName: row.profileName,
    country: row.country,
    language: row.language,
    marketingConsent: row.marketingConsent,
    consentChangedAt: row.consentChangedAt === null ? null : Number(row.consentChangedAt),
    attributes: parseAttributes(row.attributes),
    tags: held,
    lastInboundAt: row.lastInboundAt === null ? null : Number(row.lastInboundAt),
    createdAt: Number(row.createdAt),
    updatedAt: Number(row.updatedAt),
  };
}
