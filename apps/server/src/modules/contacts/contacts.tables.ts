/** Contacts as the webhook intake knows them; a later issue adds tags, segments and consent. */
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
    createdAt: number;
    updatedAt: number;
  };
}
