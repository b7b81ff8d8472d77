import type { Executor } from '../../../db/executor';

// Far below the bound-parameter limits of both dialects.
const IN_CHUNK = 500;

/** Numbers among `phones` whose contact stopped marketing messages (ledger projection or flag). */
export async function optedOutAmong(ex: Executor, phones: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < phones.length; i += IN_CHUNK) {
    const chunk = phones.slice(i, i + IN_CHUNK);
    const rows = await ex
      .selectFrom('contacts')
      .select('phoneE164')
      .where('phoneE164', 'in', chunk)
      .where((eb) => eb.or([eb('marketingConsent', '=', 'opted_out'), eb('isOptedOut', '=', 1)]))
      .execute();
    for (const r of rows) if (r.phoneE164 !== null) out.add(r.phoneE164);
  }
  return out;
}
