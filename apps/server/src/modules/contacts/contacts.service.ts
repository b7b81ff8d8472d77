import { inTransaction, type Executor } from '../../db/executor';
import type { ContactRow } from './contacts.repo';
import { findContactById, findContactByUserId, findContactByWaId } from './contacts.repo';
import { applyConsent, type ConsentChange } from './consent.ledger';
import { moveConsentEvents } from './consent.repo';
import type { SettingsStore } from '../../platform/settings/settings';
import {
  consentKeyword,
  consentKeywordsSetting,
  defaultConsentKeywords,
  matchConsentKeyword,
  type KeywordMatch,
} from './contacts.keywords';
import {
  identifyContact,
  identifyNumbers,
  type ContactMergeHandler,
  type CustomerIdentity,
  type IdentifiedContact,
} from './contacts.identity';

/** Whose consent changes: a known contact, or the phone / BSUID a webhook names. */
export type ConsentSubject =
  | { contactId: string }
  | { waId: string | null; userId: string | null; parentUserId?: string | null };

/** A keyword that changed a contact's consent, as the intake saw it (for the confirmation). */
export interface KeywordConsent {
  contactId: string;
  /** The inbound message holding the keyword: one confirmation per message. */
  messageId: string;
  accountId: string | null;
  phoneNumberId: string | null;
  waId: string | null;
  match: KeywordMatch;
}

/** Acts on a keyword consent change inside the intake transaction (enqueues the reply). */
export type KeywordConsentHandler = (tx: Executor, change: KeywordConsent) => Promise<void>;

/** What other modules may do with contacts. Writes take the caller's transaction. */
export interface ContactsService {
  /** Creates or refreshes the contact behind an inbound wa_id; returns its id. */
  touchFromInbound(
    ex: Executor,
    input: { waId: string; profileName: string | null; at: number },
  ): Promise<string>;
  /**
   * The contact of a webhook identity (phone and/or BSUID, username), created when missing;
   * merges a BSUID-only contact into the phone's when Meta reveals the number.
   */
  identify(
    ex: Executor,
    who: CustomerIdentity,
    opts?: { inboundAt?: number | null },
  ): Promise<IdentifiedContact>;
  /**
   * The contacts of canonical E.164 numbers the panel sends to, created when missing, for a
   * whole batch at once (the dispatcher's answers): E.164 → contact id.
   */
  identifyNumbers(ex: Executor, phonesE164: readonly string[]): Promise<Map<string, string>>;
  /**
   * A webhook named both the phone and the BSUID of a customer (e.g. the `contacts[]` of a
   * delivered status): a contact known only by that BSUID gains the phone (merging with the
   * phone's contact if any). Nothing happens for a BSUID the panel does not know.
   */
  revealPhone(
    ex: Executor,
    who: CustomerIdentity & { waId: string; userId: string },
  ): Promise<void>;
  /** Registers what re-points a module's rows when two contacts merge (module factories). */
  onMerge(handler: ContactMergeHandler): void;
  /**
   * Registers what follows a consent choice that changed the contact, run in the choice's
   * transaction (outgoing webhooks write their outbox row there).
   */
  onConsent(handler: ConsentHandler): void;
  /**
   * The one way every source (intake, imports, admins, the API) records a marketing consent
   * choice: appended to the ledger with its source and evidence, and projected onto the
   * contact unless the contact holds a newer choice. Runs in the caller's transaction;
   * returns the contact's id.
   */
  recordConsent(ex: Executor, input: ConsentSubject & ConsentChange): Promise<string>;
  /** `recordConsent`, also saying whether the choice is now the contact's state. */
  recordConsentOutcome(
    ex: Executor,
    input: ConsentSubject & ConsentChange,
  ): Promise<{ contactId: string; isApplied: boolean }>;
  /** `stop`/`start` when an inbound text is a default consent keyword (STOP, UNSUBSCRIBE…). */
  keywordOf(text: string | null | undefined): 'stop' | 'start' | null;
  /** The rule an inbound text matches among the admin's words (`contacts.consentKeywordRules`). */
  consentKeywordOf(ex: Executor, text: string | null | undefined): Promise<KeywordMatch | null>;
  /** Registers what follows a keyword consent change (the consent module's confirmation). */
  onKeywordConsent(handler: KeywordConsentHandler): void;
  /** Runs the registered keyword handlers in the intake transaction. */
  keywordConsentApplied(tx: Executor, change: KeywordConsent): Promise<void>;
  get(ex: Executor, id: string): Promise<ContactRow | undefined>;
  findByWaId(ex: Executor, waId: string): Promise<ContactRow | undefined>;
  findByUserId(ex: Executor, userId: string): Promise<ContactRow | undefined>;
}

/** A consent choice that changed a contact, as `onConsent` handlers receive it. */
export type ConsentHandler = (
  ex: Executor,
  change: { contactId: string; optedOut: boolean; source: string; at: number },
) => Promise<void>;

/** The contacts service; `now` stamps creation and update times. */
export function createContactsService(deps: {
  now: () => number;
  /** Where the configurable consent keywords live; without it the defaults apply. */
  settings?: SettingsStore;
}): ContactsService {
  // A merged contact's ledger moves first, so the survivor's history holds every choice.
  const mergeHandlers: ContactMergeHandler[] = [moveConsentEvents];
  const keywordHandlers: KeywordConsentHandler[] = [];
  const consentHandlers: ConsentHandler[] = [];
  const identify: ContactsService['identify'] = async (ex, who, opts = {}) =>
    await identifyContact(ex, who, {
      inboundAt: opts.inboundAt ?? null,
      now: deps.now(),
      mergeHandlers,
    });
  const service: ContactsService = {
    async touchFromInbound(ex, input) {
      const found = await identify(
        ex,
        { waId: input.waId, userId: null, profileName: input.profileName },
        { inboundAt: input.at },
      );
      return found.contactId;
    },
    identify,
    async identifyNumbers(ex, phones) {
      return await identifyNumbers(ex, phones, { now: deps.now(), mergeHandlers });
    },
    async revealPhone(ex, who) {
      const known = await findContactByUserId(ex, who.userId);
      if (known === undefined || known.waId !== null) return;
      await identify(ex, who);
    },
    onMerge(handler) {
      if (!mergeHandlers.includes(handler)) mergeHandlers.push(handler);
    },
    onConsent(handler) {
      if (!consentHandlers.includes(handler)) consentHandlers.push(handler);
    },
    async recordConsent(ex, input) {
      return (await service.recordConsentOutcome(ex, input)).contactId;
    },
    async recordConsentOutcome(ex, input) {
      const id =
        'contactId' in input
          ? input.contactId
          : (
              await identify(ex, {
                waId: input.waId,
                userId: input.userId,
                parentUserId: input.parentUserId ?? null,
              })
            ).contactId;
      // The choice and what follows it (an outbox row) commit together or not at all.
      return await inTransaction(ex, async (tx) => {
        const applied = await applyConsent(tx, id, input, deps.now());
        if (applied.isApplied && applied.isNew) {
          const change = {
            contactId: id,
            optedOut: input.optedOut,
            source: input.source,
            at: input.at,
          };
          for (const handler of consentHandlers) await handler(tx, change);
        }
        return { contactId: id, isApplied: applied.isApplied };
      });
    },
    keywordOf: consentKeyword,
    async consentKeywordOf(ex, text) {
      if (text === null || text === undefined) return null;
      const rules =
        deps.settings === undefined
          ? defaultConsentKeywords()
          : (await deps.settings.get(ex, consentKeywordsSetting)).value;
      return matchConsentKeyword(text, rules);
    },
    onKeywordConsent(handler) {
      if (!keywordHandlers.includes(handler)) keywordHandlers.push(handler);
    },
    async keywordConsentApplied(tx, change) {
      for (const handler of keywordHandlers) await handler(tx, change);
    },
    get: findContactById,
    findByWaId: findContactByWaId,
    findByUserId: findContactByUserId,
  };
  return service;
}
