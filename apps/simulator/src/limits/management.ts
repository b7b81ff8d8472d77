import type { LimitSettings } from '../settings';

// The WhatsApp Business Management API's business-use-case (BUC) rate limit (NOTES §6.6):
// a call budget per WABA per hour (200 by default, 5,000 for active WABAs with a registered
// number). Over it Meta answers code 4 / 80007 / 80008 with `is_transient: true`, and every
// WABA call reports its usage in the `x-business-use-case-usage` header. The window is a
// fixed hour on the simulator's compressible clock.

const HOUR_MS = 3600 * 1000;

export interface ManagementUsage {
  /** The `x-business-use-case-usage` header value. */
  header: string;
  /** True when this call is over the budget (→ error code from the settings). */
  exceeded: boolean;
}

interface Window {
  start: number;
  count: number;
}

/** Counts management calls per WABA in hourly windows. */
export class ManagementBudget {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly settings: () => LimitSettings) {}

  /** Counts one call against `wabaId` at simulated time `now`. */
  charge(wabaId: string, now: number): ManagementUsage {
    const s = this.settings();
    let w = this.windows.get(wabaId);
    if (w === undefined || now - w.start >= HOUR_MS) {
      w = { start: now, count: 0 };
      this.windows.set(wabaId, w);
    }
    w.count += 1;
    const budget = s.managementCallsPerHour;
    const exceeded = s.managementEnabled && w.count > budget;
    // Meta reports usage as a percentage of the budget and the wait in minutes.
    const pct = Math.min(Math.floor((w.count * 100) / budget), 100);
    const regainMinutes = exceeded ? Math.max(Math.ceil((w.start + HOUR_MS - now) / 60_000), 1) : 0;
    const header = JSON.stringify({
      [wabaId]: [
        {
          type: 'whatsapp_business_management',
          call_count: pct,
          total_cputime: Math.min(pct, 1),
          total_time: Math.min(pct, 1),
          estimated_time_to_regain_access: regainMinutes,
        },
      ],
    });
    return { header, exceeded };
  }

  /** Forgets every window. */
  reset(): void {
    this.windows.clear();
  }
}
