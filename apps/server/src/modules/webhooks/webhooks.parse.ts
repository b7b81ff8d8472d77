import { webhookEnvelopeSchema, type WebhookEnvelope } from '@kiana/contracts';

/** What intake learns from a verified body before storing it. */
export interface ParsedBody {
  /** Null when the body is not JSON or not a webhook envelope: stored and flagged. */
  envelope: WebhookEnvelope | null;
  error: string | null;
  /** The WABA id of the first entry (`entry[].id` is the WABA, NOTES §3.2). */
  wabaId: string | null;
  /** The distinct change fields, joined by commas. */
  field: string;
  /** Message ids and phone numbers in the body, space-separated, for the log's search. */
  search: string;
  /** Number of statuses, messages and other items the body carries. */
  itemCount: number;
}

const MAX_SEARCH = 4_000;

/** Parses and summarises a body; never throws. */
export function parseBody(text: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    return flagged(
      `invalid JSON: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`,
    );
  }
  const parsed = webhookEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return flagged(
      `not a WhatsApp webhook envelope: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  const envelope = parsed.data;
  const fields = new Set<string>();
  const keys = new Set<string>();
  let itemCount = 0;
  for (const entry of envelope.entry) {
    for (const change of entry.changes) {
      fields.add(change.field);
      itemCount += collectKeys(change.value, keys);
    }
  }
  let search = [...keys].join(' ');
  if (search.length > MAX_SEARCH) search = search.slice(0, MAX_SEARCH);
  return {
    envelope,
    error: null,
    wabaId: envelope.entry[0]?.id ?? null,
    field: fields.size === 0 ? '(none)' : [...fields].join(','),
    search: search === '' ? '' : ` ${search} `,
    itemCount,
  };
}

function flagged(error: string): ParsedBody {
  return { envelope: null, error, wabaId: null, field: '(invalid)', search: '', itemCount: 0 };
}

function str(v: unknown): string | null {
  // Control characters (NUL above all) cannot go into a PostgreSQL text column.
  return typeof v === 'string' &&
    v.length > 0 &&
    v.length <= 200 &&
    /^[\x21-\x7e\u00a0-\uffff]+$/.test(v)
    ? v
    : null;
}

function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Adds the ids and numbers of a change value to `keys`; returns how many items it holds. */
function collectKeys(value: unknown, keys: Set<string>): number {
  const v = rec(value);
  if (v === null) return 1;
  const add = (s: unknown): void => {
    const k = str(s);
    if (k !== null) keys.add(k);
  };
  const statuses = list(v.statuses);
  const messages = list(v.messages);
  const prefs = list(v.user_preferences);
  for (const s of statuses) {
    const o = rec(s);
    add(o?.id);
    add(o?.recipient_id);
    add(o?.recipient_user_id);
  }
  for (const m of messages) {
    const o = rec(m);
    add(o?.id);
    add(o?.from);
    add(o?.from_user_id);
  }
  for (const c of list(v.contacts)) {
    add(rec(c)?.wa_id);
    add(rec(c)?.user_id);
  }
  for (const p of prefs) {
    add(rec(p)?.wa_id);
    add(rec(p)?.user_id);
  }
  add(rec(v.metadata)?.display_phone_number);
  add(v.display_phone_number);
  const n = statuses.length + messages.length + prefs.length;
  return n === 0 ? 1 : n;
}

/** What `value.contacts[]` says about the sender of one inbound message. */
export interface SenderInfo {
  profileName: string | null;
  /** The business-scoped user id (BSUID), sent by Meta since 2026. */
  userId: string | null;
  /** The WhatsApp username, when the customer adopted one. */
  username: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Looks up each inbound message's sender in the change's `contacts[]`: by `wa_id` = `from`,
 * or — when Meta withholds the phone of a username user (2026) — by `user_id` =
 * `from_user_id` (Meta's business-scoped user IDs page).
 */
export function sendersOf(value: Record<string, unknown>): (message: unknown) => SenderInfo {
  const byKey = new Map<string, SenderInfo>();
  for (const c of list(value.contacts)) {
    const o = rec(c);
    const profile = rec(o?.profile);
    const info: SenderInfo = {
      profileName: text(profile?.name),
      userId: text(o?.user_id),
      username: text(profile?.username),
    };
    const waId = text(o?.wa_id);
    if (waId !== null) byKey.set(`w:${waId}`, info);
    if (info.userId !== null) byKey.set(`u:${info.userId}`, info);
  }
  return (message) => {
    const m = rec(message);
    const from = text(m?.from);
    const fromUser = text(m?.from_user_id);
    return (
      (from === null ? undefined : byKey.get(`w:${from}`)) ??
      (fromUser === null ? undefined : byKey.get(`u:${fromUser}`)) ?? {
        profileName: null,
        userId: fromUser,
        username: null,
      }
    );
  };
}

/**
 * The customers a change names with both phone and BSUID (`contacts[]` with `wa_id` and
 * `user_id`): how Meta reveals the number of a username user, also beside statuses.
 */
export function revealedIdentities(
  value: Record<string, unknown>,
): { waId: string; userId: string; username: string | null; profileName: string | null }[] {
  const out: {
    waId: string;
    userId: string;
    username: string | null;
    profileName: string | null;
  }[] = [];
  for (const c of list(value.contacts)) {
    const o = rec(c);
    const waId = text(o?.wa_id);
    const userId = text(o?.user_id);
    const profile = rec(o?.profile);
    if (waId !== null && userId !== null)
      out.push({
        waId,
        userId,
        username: text(profile?.username),
        profileName: text(profile?.name),
      });
  }
  return out;
}

/**
 * Whose marketing preference a `user_preferences[]` element changes: `wa_id`, or only the
 * BSUID (`user_id`) when Meta withholds the phone number (2026). Null when it names neither.
 */
export function preferenceSubject(
  element: unknown,
): { waId: string | null; userId: string | null; parentUserId: string | null } | null {
  const o = rec(element);
  const waId = text(o?.wa_id);
  const userId = text(o?.user_id);
  if (waId === null && userId === null) return null;
  return { waId, userId, parentUserId: text(o?.parent_user_id) };
}
