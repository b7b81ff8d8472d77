/** The consent ledger (append-only); the contact's consent columns are its projection. */
export interface ConsentTables {
  consentEvents: {
    id: string;
    contactId: string;
    /** opted_in | opted_out */
    state: string;
    /** When the person chose, by the source's clock (e.g. the webhook's timestamp). */
    occurredAt: number;
    recordedAt: number;
    /** import | keyword | user_preferences | failed_131050 | template_button | admin | api | merge */
    source: string;
    /** The source's words: the keyword typed, Meta's preference category, a status code. */
    detail: string | null;
    /** Evidence: our id of the message that carried the choice. */
    messageId: string | null;
    /** Evidence: the import that set it. */
    importId: string | null;
    /** Evidence: the panel user who set it (admin, API key owner). */
    userId: string | null;
    note: string | null;
    /** 1 when this entry set the contact's state; 0 when a newer choice was already held. */
    applied: number;
  };
}
