/** A page of a Graph API edge as the client returns it. */
export interface CursorPage<T> {
  data: T[];
  paging?:
    { cursors?: { after?: string | undefined } | undefined; next?: string | undefined } | undefined;
}

/**
 * Follows `paging.cursors.after` page by page. Meta signals the last page by omitting
 * `paging.next` (the `after` cursor is still present there), so `next` decides; a cursor
 * seen twice or `maxPages` stops the walk so a misbehaving server cannot loop forever.
 */
export async function* iteratePages<T>(
  fetchPage: (after: string | undefined) => Promise<CursorPage<T>>,
  maxPages = 1_000,
): AsyncGenerator<T[], void, undefined> {
  const seen = new Set<string>();
  let after: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetchPage(after);
    yield result.data;
    const next = result.paging?.cursors?.after;
    if (result.paging?.next === undefined || next === undefined || seen.has(next)) return;
    seen.add(next);
    after = next;
  }
}

/** Collects every item of every page. */
export async function collectPages<T>(
  fetchPage: (after: string | undefined) => Promise<CursorPage<T>>,
  maxPages?: number,
): Promise<T[]> {
  const all: T[] = [];
  for await (const items of iteratePages(fetchPage, maxPages)) all.push(...items);
  return all;
}
