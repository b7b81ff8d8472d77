import type { PreflightCostLine, PricingCategory } from '@kiana/contracts';

/**
 * The pre-flight's cost estimate from the rate card. Meta prices each delivered template
 * message by the recipient's country and the template's pricing category (per-message
 * pricing, July 2025). Free-window rule: a utility template sent while the recipient's
 * customer-service window is open (they wrote in the last 24 h) is free, and service
 * messages are always free; marketing and authentication are charged even inside the window.
 * A country without its own row takes the card's '*' row; without that it is unpriced.
 */

export interface PriceRow {
  countryCode: string;
  category: string;
  currency: string;
  priceMicros: number;
}

/** One recipient as the estimate sees it. */
export interface Billed {
  /** ISO 3166 alpha-2, or null when the number's country is unknown. */
  country: string | null;
  /** Whether the customer-service window is open at launch. */
  inWindow: boolean;
}

export interface CostEstimate {
  currency: string | null;
  totalMicros: number;
  lines: PreflightCostLine[];
  unpricedCountries: string[];
}

/** Whether the free-window rule makes this message free. */
export function isFree(category: PricingCategory, inWindow: boolean): boolean {
  return category === 'service' || (category === 'utility' && inWindow);
}

/** Accumulates recipients page by page (the audience is walked in pages), then totals. */
export class CostEstimator {
  private readonly byKey = new Map<string, PriceRow>();
  private readonly lines = new Map<string, PreflightCostLine>();
  private readonly unpriced = new Set<string>();

  constructor(
    rows: readonly PriceRow[],
    private readonly category: PricingCategory,
  ) {
    for (const r of rows) if (r.category === category) this.byKey.set(r.countryCode, r);
  }

  add(recipients: readonly Billed[]): void {
    for (const r of recipients) {
      const country = r.country ?? '*';
      const own = this.byKey.get(country);
      const row = own ?? this.byKey.get('*');
      if (own === undefined) this.unpriced.add(country);
      const code = row === undefined ? country : row.countryCode;
      let line = this.lines.get(code);
      if (line === undefined) {
        line = {
          category: this.category,
          countryCode: code,
          recipients: 0,
          free: 0,
          priceMicros: row?.priceMicros ?? 0,
          totalMicros: 0,
          currency: row?.currency ?? '',
        };
        this.lines.set(code, line);
      }
      line.recipients += 1;
      if (isFree(this.category, r.inWindow)) line.free += 1;
      else line.totalMicros += line.priceMicros;
    }
  }

  result(): CostEstimate {
    const lines = [...this.lines.values()].sort(
      (a, b) => b.totalMicros - a.totalMicros || a.countryCode.localeCompare(b.countryCode),
    );
    const currencies = new Set(lines.map((l) => l.currency).filter((c) => c !== ''));
    // Lines in several currencies do not add up to one amount: the total is shown without one.
    const currency = currencies.size === 1 ? [...currencies][0]! : null;
    for (const l of lines) if (l.currency === '') l.currency = currency ?? 'USD';
    return {
      currency: lines.length === 0 ? ([...this.byKey.values()][0]?.currency ?? null) : currency,
      totalMicros: lines.reduce((n, l) => n + l.totalMicros, 0),
      lines,
      unpricedCountries: [...this.unpriced].sort(),
    };
  }
}
