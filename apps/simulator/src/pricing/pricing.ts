import type { TemplateDef } from '../state/model';
import { countryOf } from '../customers/identity';

// Per-message pricing (PMP) as Meta bills since 2025-07-01 (NOTES §3.5, §6.7; Meta "Pricing on
// the WhatsApp Business Platform"): a template is charged when delivered, by category; service
// (non-template) messages and utility templates inside an open customer service window are free
// (`free_customer_service`); everything sent inside the 72-hour free entry-point window that a
// click-to-WhatsApp ad or Facebook Page button opens is free (`free_entry_point`); an
// authentication template to a user in a market with authentication-international rates, from a
// business of another country, is `authentication_international`; marketing sent through the
// Marketing Messages Lite API (`/marketing_messages`) is `marketing_lite`.

export type PricingCategory =
  | 'marketing'
  | 'marketing_lite'
  | 'utility'
  | 'authentication'
  | 'authentication_international'
  | 'service'
  | 'referral_conversion';
export type PricingType = 'regular' | 'free_customer_service' | 'free_entry_point';

/** What Meta bills one delivered message as. */
export interface MessagePricing {
  category: PricingCategory;
  type: PricingType;
  billable: boolean;
}

/**
 * Markets where Meta charges authentication-international rates (Meta pricing page,
 * "Authentication-international rates"): India, Indonesia, Malaysia, Nigeria, Pakistan,
 * Saudi Arabia, South Africa, United Arab Emirates, Egypt.
 */
const authInternationalMarkets = new Set(['IN', 'ID', 'MY', 'NG', 'PK', 'SA', 'ZA', 'AE', 'EG']);

export interface PricingInput {
  template: TemplateDef | undefined;
  /** Recipient wa_id (digits). */
  waId: string;
  /** Country of the business (ISO alpha-2). */
  businessCountry: string;
  windowOpen: boolean;
  /** Inside the 72 h free entry-point window (NOTES §6.5). */
  entryPointOpen: boolean;
  /** Sent through `/marketing_messages` (MM Lite). */
  viaMarketingLite: boolean;
}

/** The pricing Meta reports on the statuses of this message. */
export function priceOf(input: PricingInput): MessagePricing {
  const { template } = input;
  if (input.entryPointOpen)
    return { category: 'referral_conversion', type: 'free_entry_point', billable: false };
  if (template === undefined)
    return { category: 'service', type: 'free_customer_service', billable: false };
  switch (template.category) {
    case 'MARKETING':
      return {
        category: input.viaMarketingLite ? 'marketing_lite' : 'marketing',
        type: 'regular',
        billable: true,
      };
    case 'UTILITY':
      return input.windowOpen
        ? { category: 'utility', type: 'free_customer_service', billable: false }
        : { category: 'utility', type: 'regular', billable: true };
    case 'AUTHENTICATION': {
      const country = countryOf(input.waId);
      const abroad = authInternationalMarkets.has(country) && country !== input.businessCountry;
      return {
        category: abroad ? 'authentication_international' : 'authentication',
        type: 'regular',
        billable: true,
      };
    }
  }
}
