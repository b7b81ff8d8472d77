import type { Recipient } from '../../whatsapp/graph.messages';
import {
  clearContactUserId,
  deleteContact,
  findContactById,
  findContactByUserId,
  findContactByPhoneE164,
  findContactByWaId,
  findContactIdsByPhones,
  insertContactsOfNumbers,
  setContactConsent,
  setContactIdentity,
  upsertContactByUserId,
  upsertContactByWaId,
  type ContactRow,
  type Executor,
} from './contacts.repo';
import { e164FromWaId, waIdOfE164 } from './contacts.phone';

/**
 * How Meta identifies a customer in a webhook since 2026 (Meta's "Business-scoped user IDs"
 * page): `user_id` (the BSUID) always, `wa_id`/`from` only when Meta shares the phone number,
 * `profile.username` when the customer adopted one. At least one of `waId`/`userId` is set.
 */
export interface CustomerIdentity {
  waId: string | null;
  userId: string | null;
  parentUserId?: string | null;
  username?: string | null;
  profileName?: string | null;
}

/**
 * Re-points a merged contact's rows (conversations, messages, consent entries…) from one
 * contact id to another inside the caller's transaction. Each module owning rows tied to a
 * contact registers one, so the contacts module never touches their tables.
 */
export type ContactMergeHandler = (ex: Executor, fromId: string, intoId: string) => Promise<void>;

/** The outcome of keying an identity: the contact, and the id merged into it if any. */
export interface IdentifiedContact {
  contactId: string;
  mergedFrom: string | null;
}

/**
 * Finds or creates the contact of an identity: keyed by phone when known, else by BSUID.
 * When a phone number arrives for a BSUID that already has its own contact, the two become
 * one contact (the phone's) with one history: the merge handlers move every row, the
 * consent choices are replayed newest-wins, and the BSUID-only row is deleted — all in the
 * caller's transaction.
 */
export async function identifyContact(
  ex: Executor,
  who: CustomerIdentity,
  opts: { inboundAt: number | null; now: number; mergeHandlers: readonly ContactMergeHandler[] },
): Promise<IdentifiedContact> {
  const profileName = who.profileName?.replaceAll('\u0000', '') ?? null;
  const extra = {
    userId: who.userId,
    parentUserId: who.parentUserId ?? null,
    username: who.username ?? null,
  };
  if (who.waId === null) {
    if (who.userId === null) throw new Error('a customer identity needs a wa_id or a user_id');
    const contactId = await upsertContactByUserId(ex, {
      userId: who.userId,
      parentUserId: extra.parentUserId,
      username: extra.username,
      profileName,
      inboundAt: opts.inboundAt,
      now: opts.now,
    });
    return { contactId, mergedFrom: null };
  }
  const phoneE164 = e164FromWaId(who.waId);
  // Without a BSUID this is the one upsert it always was (the hot path of intake).
  const byUser = who.userId === null ? undefined : await findContactByUserId(ex, who.userId);
  const isBsuidOnly = byUser !== undefined && byUser.waId === null;
  // The number's contact may know it without its wa_id yet (imported): it is the phone's.
  const byPhone = isBsuidOnly
    ? ((await findContactByWaId(ex, who.waId)) ??
      (phoneE164 === null ? undefined : await findContactByPhoneE164(ex, phoneE164)))
    : undefined;
  if (isBsuidOnly && byPhone === undefined) {
    // The phone number of a BSUID-only contact is revealed: the same row gains it.
    await setContactIdentity(ex, byUser.id, {
      waId: who.waId,
      phoneE164,
      ...extra,
      profileName,
      lastInboundAt: opts.inboundAt,
      now: opts.now,
    });
    return { contactId: byUser.id, mergedFrom: null };
  }
  const contactId = await upsertContactByWaId(ex, {
    waId: who.waId,
    phoneE164,
    profileName,
    inboundAt: opts.inboundAt,
    now: opts.now,
  });
  let mergedFrom: string | null = null;
  if (byUser !== undefined && byUser.id !== contactId) {
    if (byUser.waId === null) {
      await mergeContacts(ex, byUser, contactId, opts);
      mergedFrom = byUser.id;
    } else {
      // Meta issues a new BSUID when a user changes number, so a BSUID never moves between
      // two phone contacts; should it happen, the newest sighting keeps it, histories apart.
      await clearContactUserId(ex, byUser.id, opts.now);
    }
  }
  const isUnchanged =
    byUser?.id === contactId &&
    (extra.username === null || extra.username === byUser.username) &&
    (extra.parentUserId === null || extra.parentUserId === byUser.parentUserId);
  if (who.userId !== null && !isUnchanged)
    await setContactIdentity(ex, contactId, { ...extra, now: opts.now });
  return { contactId, mergedFrom };
}

/** Moves `from` (a BSUID-only contact) into `intoId` and deletes it. */
async function mergeContacts(
  ex: Executor,
  from: ContactRow,
  intoId: string,
  opts: { now: number; mergeHandlers: readonly ContactMergeHandler[] },
): Promise<void> {
  for (const handler of opts.mergeHandlers) await handler(ex, from.id, intoId);
  // Replayed oldest first through the newest-wins guard: an older choice never flips a newer.
  const choices = [
    from.optedOutAt === null
      ? null
      : { optedOut: true, at: from.optedOutAt, source: from.optOutSource ?? 'merged' },
    from.optedInAt === null
      ? null
      : { optedOut: false, at: from.optedInAt, source: from.optInSource ?? 'merged' },
  ]
    .filter((c) => c !== null)
    .sort((a, b) => a.at - b.at);
  for (const c of choices) {
    await setContactConsent(ex, intoId, { ...c, messageId: from.consentMessageId });
  }
  const into = await findContactById(ex, intoId);
  // The BSUID-only row goes first: `user_id` is unique and moves to the surviving contact.
  await deleteContact(ex, from.id);
  await setContactIdentity(ex, intoId, {
    profileName: into?.profileName ?? from.profileName,
    name: into?.name ?? from.name,
    username: from.username,
    parentUserId: from.parentUserId,
    lastInboundAt: from.lastInboundAt,
    now: opts.now,
  });
}

/**
 * How to address a send to this contact: the phone number when known (Meta recommends it,
 * so phone fields keep appearing in webhooks), else the BSUID as `recipient`.
 */
export function recipientOf(contact: Pick<ContactRow, 'waId' | 'userId'>): Recipient | null {
  if (contact.waId !== null) return { kind: 'phone', waId: contact.waId };
  if (contact.userId !== null) return { kind: 'user', userId: contact.userId };
  return null;
}

/**
 * The contacts of numbers the panel sends to (campaign recipients with no contact yet), for
 * a batch: found by number in one query (the contact may know the person by another
 * wa_id), the missing created in one insert. A number whose insert meets another row (a
 * contact holding it without a wa_id, a concurrent writer) goes through `identifyContact`,
 * which knows those cases. E.164 → contact id, every number.
 */
export async function identifyNumbers(
  ex: Executor,
  phonesE164: readonly string[],
  opts: { now: number; mergeHandlers: readonly ContactMergeHandler[] },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Sorted: two batches creating the same contacts at once (two numbers sending to the same
  // people) wait for each other in one order on PostgreSQL, never in a cycle.
  const unique = [...new Set(phonesE164)].sort();
  for (let i = 0; i < unique.length; i += IDENTIFY_CHUNK) {
    const chunk = unique.slice(i, i + IDENTIFY_CHUNK);
    const found = await findContactIdsByPhones(ex, chunk);
    const missing: string[] = [];
    for (const phone of chunk) {
      const id = found.get(phone);
      if (id === undefined) missing.push(phone);
      else out.set(phone, id);
    }
    const created = await insertContactsOfNumbers(ex, missing, opts.now);
    for (const phone of missing) {
      const id =
        created.get(waIdOfE164(phone)) ??
        (
          await identifyContact(
            ex,
            { waId: waIdOfE164(phone), userId: null },
            {
              inboundAt: null,
              ...opts,
            },
          )
        ).contactId;
      out.set(phone, id);
    }
  }
  return out;
}

const IDENTIFY_CHUNK = 500;
