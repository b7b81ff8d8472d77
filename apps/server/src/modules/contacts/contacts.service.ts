import type { Executor } from '../../db/executor';
import type { ContactRow } from './contacts.repo';
import {
  findContactById,
  findContactByWaId,
  setContactConsent,
  upsertContactByWaId,
} from './contacts.repo';
import { e164FromWaId } from './contacts.phone';
import { consentKeyword } from './contacts.keywords';

/** What other modules may do with contacts. Writes take the caller's transaction. */
export interface ContactsService {
  /** Creates or refreshes the contact behind an inbound wa_id; returns its id. */
  touchFromInbound(
    ex: Executor,
    input: { waId: string; profileName: string | null; at: number },
  ): Promise<string>;
  /** Opts a wa_id out of marketing (`optedOut`) or back in, recording time and source. */
  recordConsent(
    ex: Executor,
    input: { waId: string; optedOut: boolean; at: number; source: string },
  ): Promise<string>;
  /** `stop`/`start` when an inbound text is a consent keyword (STOP, UNSUBSCRIBE…). */
  keywordOf(text: string | null | undefined): 'stop' | 'start' | null;
  get(ex: Executor, id: string): Promise<ContactRow | undefined>;
  findByWaId(ex: Executor, waId: string): Promise<ContactRow | undefined>;
}

/** The contacts service; `now` stamps creation and update times. */
export function createContactsService(deps: { now: () => number }): ContactsService {
  return {
    async touchFromInbound(ex, input) {
      return await upsertContactByWaId(ex, {
        waId: input.waId,
        phoneE164: e164FromWaId(input.waId),
        profileName: input.profileName?.replaceAll('\u0000', '') ?? null,
        inboundAt: input.at,
        now: deps.now(),
      });
    },
    async recordConsent(ex, input) {
      const id = await upsertContactByWaId(ex, {
        waId: input.waId,
        phoneE164: e164FromWaId(input.waId),
        profileName: null,
        inboundAt: null,
        now: deps.now(),
      });
      await setContactConsent(ex, id, {
        optedOut: input.optedOut,
        at: input.at,
        source: input.source,
      });
      return id;
    },
    keywordOf: consentKeyword,
    get: findContactById,
    findByWaId: findContactByWaId,
  };
}
