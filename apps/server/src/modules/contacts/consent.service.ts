import type { ConsentEvent, ConsentHistory, SetConsent } from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { NotFoundError } from '../../errors';
import type { AuditContext, AuditService } from '../audit/audit.service';
import type { ContactsService } from './contacts.service';
import { listConsentEvents, type ConsentEventRow } from './consent.repo';

/** The ledger is short in practice; this bounds the page a UI asks for. */
const HISTORY_LIMIT = 500;

const iso = (ms: number): string => new Date(ms).toISOString();

function toConsentEvent(row: ConsentEventRow): ConsentEvent {
  return {
    id: row.id,
    state: row.state as ConsentEvent['state'],
    occurredAt: iso(row.occurredAt),
    recordedAt: iso(row.recordedAt),
    source: row.source as ConsentEvent['source'],
    detail: row.detail,
    messageId: row.messageId,
    importId: row.importId,
    userId: row.userId,
    note: row.note,
    isApplied: row.applied === 1,
  };
}

/** A contact's consent history and an admin's (or API client's) change of it. */
export interface ConsentService {
  history(contactId: string): Promise<ConsentHistory>;
  /** Records the person's choice as told to an admin (audited with the acting user). */
  set(contactId: string, input: SetConsent, who: AuditContext): Promise<ConsentHistory>;
}

/** The consent service over the contacts service's one `recordConsent`. */
export function createConsentService(deps: {
  db: Executor;
  contacts: ContactsService;
  audit: AuditService;
  now: () => number;
}): ConsentService {
  const { db, contacts, audit } = deps;

  async function history(contactId: string): Promise<ConsentHistory> {
    const contact = await contacts.get(db, contactId);
    if (contact === undefined) throw new NotFoundError('Contact', contactId);
    const events = (await listConsentEvents(db, contactId, HISTORY_LIMIT)).map(toConsentEvent);
    return { contactId, state: contact.marketingConsent, events };
  }

  return {
    history,
    async set(contactId, input, who) {
      const at = deps.now();
      await db.transaction().execute(async (tx) => {
        if ((await contacts.get(tx, contactId)) === undefined)
          throw new NotFoundError('Contact', contactId);
        // An API key acts for a program; a signed-in person is an admin.
        const source = who.actor.type === 'api_key' ? 'api' : 'admin';
        await contacts.recordConsent(tx, {
          contactId,
          optedOut: input.state === 'opted_out',
          at,
          source,
          userId: who.actor.id ?? null,
          note: input.note,
        });
        await audit.record(tx, {
          ...who,
          action: 'contacts.consent.set',
          target: { type: 'contact', id: contactId },
          details: { state: input.state, source },
        });
      });
      return history(contactId);
    },
  };
}
