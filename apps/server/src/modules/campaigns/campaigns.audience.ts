import type {
  CampaignAudience,
  CampaignVariables,
  FrequencyCap,
  RecipientParams,
  SkipReason,
} from '@kiana/contracts';
import type { Executor } from '../../db/executor';
import { ValidationError } from '../../errors';
import { ImportFileError } from '../contacts/imports/imports.reader';
import type { ContactWhere } from '../contacts/contacts.list.repo';
import type { PhoneResult } from '../contacts/contacts.phone';
import { rowRecord, type OpenCsv } from './campaigns.uploads';
import {
  contactsByPhones,
  contactsMatching,
  marketingCounts,
  type AudienceContact,
} from './campaigns.audience.repo';

/**
 * Audience resolution, shared by materialisation (which inserts what it yields) and the
 * pre-flight (which only counts): candidates from segments, tags, typed numbers and the
 * uploaded CSV's rows, each
 * number through the one normaliser, then the skip rules in a fixed order.
 */

/** One person the audience names, before the skip rules. */
export interface Candidate {
  /** The number as found (contact's E.164, or as typed). */
  raw: string;
  contact: AudienceContact | null;
  /** The CSV row of an uploaded audience, by header name (and by index as text). */
  row: Readonly<Record<string, string>> | null;
}

/** A candidate after the rules: who would be sent what, or why not. */
export interface Decided {
  phoneE164: string;
  contact: AudienceContact | null;
  status: 'queued' | 'skipped';
  reason: SkipReason | null;
  params: RecipientParams;
}

export interface AudienceDeps {
  compile(ex: Executor, filter: { segmentId?: string; tagIds?: string[] }): Promise<ContactWhere>;
  normalise(raw: string): PhoneResult;
  suppressedAmong(phones: readonly string[]): Promise<Set<string>>;
  /** A CSV uploaded for the campaign, opened for reading (header and data records). */
  openCsv(uploadId: string): Promise<OpenCsv>;
}

export interface AudienceSpec {
  audience: CampaignAudience;
  variables: CampaignVariables;
  marketing: boolean;
  frequencyCap: FrequencyCap | null;
}

const PAGE = 2000;

/** Every candidate in a stable order (segments, tags, typed numbers, CSV rows), a page at a time. */
export async function* candidates(
  ex: Executor,
  deps: AudienceDeps,
  audience: CampaignAudience,
): AsyncGenerator<Candidate[]> {
  const filters = [
    ...audience.segmentIds.map((segmentId) => ({ segmentId })),
    ...audience.tagIds.map((tagId) => ({ tagIds: [tagId] })),
  ];
  for (const filter of filters) {
    const where = await deps.compile(ex, filter);
    let after: string | null = null;
    for (;;) {
      const page = await contactsMatching(ex, where, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      yield page.map((contact) => ({
        raw: contact.phoneE164 ?? contact.waId ?? '',
        contact,
        row: null,
      }));
      if (page.length < PAGE) break;
    }
  }
  for (let i = 0; i < audience.numbers.length; i += PAGE) {
    yield audience.numbers.slice(i, i + PAGE).map((raw) => ({ raw, contact: null, row: null }));
  }
  if (audience.uploadId !== null && audience.csvNumberColumn !== null) {
    const column = audience.csvNumberColumn;
    const csv = await deps.openCsv(audience.uploadId);
    let page: Candidate[] = [];
    try {
      for await (const record of csv.records) {
        page.push({
          raw: record.fields[column] ?? '',
          contact: null,
          row: rowRecord(csv.header, record.fields),
        });
        if (page.length === PAGE) {
          yield page;
          page = [];
        }
      }
    } catch (error) {
      // Refused, not absorbed: the pre-flight (and so the launch) names the row.
      if (error instanceof ImportFileError)
        throw new ValidationError(`The uploaded CSV cannot be read: ${error.message}`, {
          field: 'audience.uploadId',
        });
      throw error;
    }
    if (page.length > 0) yield page;
  }
}

/** A parameter's value for one candidate, or null when missing and without fallback. */
function resolveParams(
  variables: CampaignVariables,
  phoneE164: string,
  c: Candidate,
  contact: AudienceContact | null,
): RecipientParams | null {
  let attributes: Record<string, unknown> | null = null;
  const params: RecipientParams = {};
  for (const [slot, v] of Object.entries(variables)) {
    let value: string | null;
    if (v.source === 'fixed') value = v.value;
    else if (v.source === 'field')
      value = v.key === 'phone' ? phoneE164 : (contact?.profileName ?? null);
    else if (v.source === 'attribute') {
      attributes ??=
        contact === null ? {} : (JSON.parse(contact.attributes) as Record<string, unknown>);
      const a = attributes[v.key];
      value =
        typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' ? String(a) : null;
    } else value = c.row?.[v.column] ?? null;
    if (value === null || value.trim() === '') {
      if (v.source === 'fixed' || v.fallback === null || v.fallback === '') return null;
      value = v.fallback;
    }
    params[slot] = value;
  }
  return params;
}

/**
 * Applies the skip rules to one page. Order (the first that applies is the reason):
 * invalid number, duplicate, suppressed, opted out (marketing templates only), frequency cap
 * (marketing messages received), missing parameter. `seen` carries numbers across pages; a duplicate is
 * returned with its reason but never inserted (the campaign's numbers are unique).
 */
export async function decide(
  ex: Executor,
  deps: AudienceDeps,
  spec: AudienceSpec,
  page: readonly Candidate[],
  seen: Set<string>,
  now: number,
): Promise<Decided[]> {
  const normalised = page.map((c) => {
    if (c.contact?.phoneE164) return { c, e164: c.contact.phoneE164 };
    const result = deps.normalise(c.raw);
    return { c, e164: result.ok ? result.e164 : null };
  });
  const valid = normalised.flatMap((n) => (n.e164 === null ? [] : [n.e164]));
  const suppressed = await deps.suppressedAmong(valid);
  // Typed numbers of known contacts carry the contact's consent and attributes.
  const typed = normalised.filter((n) => n.c.contact === null && n.e164 !== null);
  const known =
    typed.length === 0
      ? new Map<string, AudienceContact>()
      : await contactsByPhones(
          ex,
          typed.map((n) => n.e164!),
        );
  const contactOf = (n: (typeof normalised)[number]) =>
    n.c.contact ?? (n.e164 === null ? null : (known.get(n.e164) ?? null));
  let capCounts = new Map<string, number>();
  if (spec.frequencyCap !== null) {
    const ids = normalised.flatMap((n) => {
      const contact = contactOf(n);
      return contact === null ? [] : [contact.id];
    });
    capCounts = await marketingCounts(ex, ids, now - spec.frequencyCap.days * 86_400_000);
  }
  const out: Decided[] = [];
  for (const n of normalised) {
    const contact = contactOf(n);
    const skip = (reason: SkipReason, phone: string): Decided => ({
      phoneE164: phone,
      contact,
      status: 'skipped',
      reason,
      params: {},
    });
    if (n.e164 === null) {
      const raw = n.c.raw.trim().slice(0, 40) || '(empty)';
      out.push(skip(seen.has(raw) ? 'duplicate' : 'invalid_number', raw));
      seen.add(raw);
      continue;
    }
    if (seen.has(n.e164)) {
      out.push(skip('duplicate', n.e164));
      continue;
    }
    seen.add(n.e164);
    if (suppressed.has(n.e164)) out.push(skip('suppressed', n.e164));
    else if (spec.marketing && contact !== null && contact.isOptedOut === 1)
      out.push(skip('opted_out', n.e164));
    else if (
      spec.frequencyCap !== null &&
      contact !== null &&
      (capCounts.get(contact.id) ?? 0) > spec.frequencyCap.max
    )
      out.push(skip('frequency_cap', n.e164));
    else {
      const params = resolveParams(spec.variables, n.e164, n.c, contact);
      if (params === null) out.push(skip('missing_parameter', n.e164));
      else out.push({ phoneE164: n.e164, contact, status: 'queued', reason: null, params });
    }
  }
  return out;
}
