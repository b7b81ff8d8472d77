import type { Generated } from 'kysely';
import type { MarketingConsent } from '@kiana/contracts';

/** Contacts, their tags and saved segments (issue 14). */
export interface ContactsTables {
  contacts: {
    id: string;
    /** WhatsApp's canonical id (digits), the key inbound messages carry. */
    waId: string | null;
    /**
     * The business-scoped user id (BSUID, `US.1349…`) Meta sends since 2026; the only key of
     * a username user whose phone number Meta withholds. Unique, like `waId`.
     */
    userId: string | null;
    /** The parent BSUID shared across a managed business's portfolios (`US.ENT.…`). */
    parentUserId: string | null;
    /** The WhatsApp username the customer chose, shown instead of a number. */
    username: string | null;
    phoneE164: string | null;
    /** The name an admin, an import or the API gave the contact; shown before `profileName`. */
    name: string | null;
    /** The name WhatsApp reports (the sender's profile), refreshed by every inbound message. */
    profileName: string | null;
    isOptedOut: number;
    optedOutAt: number | null;
    /** Where the opt-out came from, e.g. `keyword:STOP` or `user_preferences`. */
    optOutSource: string | null;
    optedInAt: number | null;
    optInSource: string | null;
    /** Our id of the message that carried the latest consent choice (STOP text, 131050 failure). */
    consentMessageId: string | null;
    lastInboundAt: number | null;
    /** The customer's language (BCP 47, e.g. `pt-BR`), set by an admin or an import. */
    language: Generated<string | null>;
    /** ISO 3166 alpha-2 of the number, from the phone normaliser. */
    country: Generated<string | null>;
    /** Custom attributes, JSON `{ [key]: value }` (keys from the `contacts.attributes` setting). */
    attributes: Generated<string>;
    /** The consent ledger's projection: `opted_in`, `opted_out` or `unknown`. */
    marketingConsent: Generated<MarketingConsent>;
    consentChangedAt: Generated<number | null>;
    createdAt: number;
    updatedAt: number;
  };
  tags: {
    id: string;
    name: string;
    /** `tagNameKey(name)`: unique, so names are unique case-insensitively. */
    nameKey: string;
    colour: string | null;
    createdAt: number;
  };
  contactTags: {
    contactId: string;
    tagId: string;
    createdAt: number;
  };
  segments: {
    id: string;
    name: string;
    /** The filter tree (contracts' `segmentFilterSchema`), JSON. */
    filterJson: string;
    /** The user who created it. */
    createdBy: string | null;
    createdAt: number;
    updatedAt: number;
  };
}

/** The unique key of a tag name: case and Unicode form do not make two tags. */
export function tagNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}
