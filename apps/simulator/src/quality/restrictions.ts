import type { SimContext } from '../context';

// The effect of an `account_update` on sending (NOTES §3.7, Meta account_update reference):
// ACCOUNT_RESTRICTION with RESTRICTED_BIZ_INITIATED_MESSAGING blocks business-initiated
// messages until `expiration` (unix seconds); DISABLED_UPDATE with waba_ban_state DISABLE bans
// the account (every send fails) and REINSTATE lifts the ban. The checks are in
// messaging/send-checks.ts.

interface RestrictionInfo {
  restriction_type?: unknown;
  expiration?: unknown;
}

/** Records the restriction or ban an `account_update` value announces. */
export function applyAccountUpdate(ctx: SimContext, wabaId: string, value: object): void {
  const v = value as {
    event?: unknown;
    restriction_info?: unknown;
    ban_info?: { waba_ban_state?: unknown };
  };
  const current = ctx.store.restrictions.get(wabaId) ?? {};
  if (v.event === 'ACCOUNT_RESTRICTION' && Array.isArray(v.restriction_info)) {
    for (const r of v.restriction_info as RestrictionInfo[]) {
      if (r.restriction_type !== 'RESTRICTED_BIZ_INITIATED_MESSAGING') continue;
      current.bizInitiatedUntil =
        typeof r.expiration === 'number' ? r.expiration * 1000 : Number.POSITIVE_INFINITY;
    }
  }
  if (v.event === 'DISABLED_UPDATE') {
    const state = v.ban_info?.waba_ban_state;
    if (state === 'DISABLE') current.banned = true;
    if (state === 'REINSTATE') {
      current.banned = false;
      delete current.bizInitiatedUntil;
    }
  }
  ctx.store.restrictions.set(wabaId, current);
}
