import type { Kysely } from 'kysely';

/**
 * An editable default rate card, so the pre-flight can estimate a cost on a fresh install.
 * Meta's per-message prices (USD, in effect from July 2025, per recipient country and
 * pricing category) for a few large markets and Meta's "Other" row as `*`; marked
 * `is_example` because Meta changes them: an admin replaces them with the current card.
 * Service messages are free since November 2024; they are listed at 0 to say so.
 */
const prices: readonly [country: string, marketing: number, utility: number, auth: number][] = [
  ['US', 25_000, 4_000, 13_500],
  ['GB', 52_900, 22_000, 35_800],
  ['DE', 136_500, 55_000, 76_800],
  ['ES', 61_500, 20_000, 34_300],
  ['BR', 62_500, 6_800, 6_800],
  ['MX', 30_500, 8_500, 8_500],
  ['IN', 10_700, 1_400, 1_400],
  ['ID', 41_100, 25_000, 25_000],
  ['SA', 45_500, 11_500, 10_700],
  ['AE', 38_400, 15_700, 17_800],
  ['EG', 64_400, 3_600, 3_600],
  ['*', 60_400, 7_700, 7_700],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = prices.flatMap(([countryCode, marketing, utility, authentication]) =>
    (
      [
        ['marketing', marketing],
        ['utility', utility],
        ['authentication', authentication],
        ['service', 0],
      ] as const
    ).map(([category, priceMicros]) => ({
      id: `example-${countryCode === '*' ? 'other' : countryCode.toLowerCase()}-${category}`,
      country_code: countryCode,
      category,
      currency: 'USD',
      price_micros: priceMicros,
      is_example: 1,
      updated_at: 0,
      updated_by: null,
    })),
  );
  // Only into an empty card: an installation that already priced its own keeps its prices.
  const existing = await (db as Kysely<{ rate_card: { id: string } }>)
    .selectFrom('rate_card')
    .select('id')
    .limit(1)
    .execute();
  if (existing.length > 0) return;
  await (db as Kysely<{ rate_card: (typeof rows)[number] }>)
    .insertInto('rate_card')
    .values(rows)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await (db as Kysely<{ rate_card: { is_example: number } }>)
    .deleteFrom('rate_card')
    .where('is_example', '=', 1)
    .execute();
}
