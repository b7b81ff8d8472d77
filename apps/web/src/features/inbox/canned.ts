import type { CannedReply, ConversationSummary } from '@kiana/contracts';

/** The text after a leading `/` (the canned-reply search), or null when not searching. */
export function cannedQuery(text: string): string | null {
  const m = /^\/(\S*)$/.exec(text);
  return m === null ? null : (m[1] ?? '').toLowerCase();
}

/** Replies whose shortcut starts with the query first, then those containing it anywhere. */
export function matchCanned(list: readonly CannedReply[], query: string): CannedReply[] {
  const q = query.toLowerCase();
  const starts = list.filter((c) => c.shortcut.toLowerCase().startsWith(q));
  const contains = list.filter(
    (c) =>
      !c.shortcut.toLowerCase().startsWith(q) &&
      (c.shortcut.toLowerCase().includes(q) || c.text.toLowerCase().includes(q)),
  );
  return [...starts, ...contains];
}

/**
 * The text with `{{contact.name}}`, `{{contact.first_name}}` and `{{contact.phone}}` filled
 * from the conversation's contact; an unknown value becomes empty, never the raw placeholder.
 */
export function fillPlaceholders(text: string, contact: ConversationSummary['contact']): string {
  const name = contact.name ?? contact.profileName ?? '';
  const values: Record<string, string> = {
    'contact.name': name,
    'contact.first_name': name.split(/\s+/)[0] ?? '',
    'contact.phone': contact.phoneE164 ?? '',
  };
  return text.replace(
    /\{\{\s*(contact\.\w+)\s*\}\}/g,
    (whole, key: string) => values[key] ?? whole,
  );
}
