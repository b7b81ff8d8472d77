/** Contacts as the webhook intake knows them; a later issue adds tags, segments and consent. */
export interface ContactsTables {
  contacts: {
    id: string;
    /** WhatsApp's canonical id (digits), the key inbound messages carry. */
    waId: string | null;
    phoneE164: string | null;
    profileName: string | null;
    isOptedOut: number;
    optedOutAt: number | null;
    /** Where the opt-out came from, e.g. `keyword:STOP` or `user_preferences`. */
    optOutSource: string | null;
    optedInAt: number | null;
    optInSource: string | null;
    lastInboundAt: number | null;
    createdAt: number;
    updatedAt: number;
  };
}
