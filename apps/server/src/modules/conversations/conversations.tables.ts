import type { Generated } from 'kysely';

// Columns added after the first release are `Generated` (they have defaults), so inserts
// written before them stay valid.
/** Threads, messages in and out, and statuses still waiting for their message. */
export interface ConversationsTables {
  conversations: {
    id: string;
    phoneNumberId: string;
    accountId: string | null;
    contactId: string;
    lastMessageAt: number;
    lastInboundAt: number | null;
    /** The 24-hour customer service window closes at this time (NOTES §6.5). */
    windowExpiresAt: number | null;
    unreadCount: number;
    /** The team's state: `open`, `closed` or `snoozed` (until `snoozedUntil`). */
    state: Generated<string>;
    assignedUserId: Generated<string | null>;
    snoozedUntil: Generated<number | null>;
    createdAt: number;
    updatedAt: number;
  };
  messages: {
    id: string;
    conversationId: string;
    contactId: string;
    accountId: string | null;
    phoneNumberId: string;
    wamid: string | null;
    direction: 'in' | 'out';
    type: string;
    text: string | null;
    /** The message object as Meta sent it (inbound) or as we sent it (outbound), JSON. */
    payload: string;
    contextWamid: string | null;
    status: string;
    sentAt: number | null;
    deliveredAt: number | null;
    readAt: number | null;
    playedAt: number | null;
    failedAt: number | null;
    errorCode: number | null;
    errorTitle: string | null;
    errorMessage: string | null;
    errorDetails: string | null;
    /** What a failure means for the next attempt (`FailureKind` of whatsapp/graph.failures.ts). */
    failureKind: string | null;
    /** No retry before this time (e.g. 24 h after a 131049 marketing-cap failure). */
    retryAfterAt: number | null;
    /** An inbound order's `{ catalogId, items, total }` (JSON); its note is `text`. */
    orderJson: string | null;
    pricingModel: string | null;
    pricingCategory: string | null;
    pricingType: string | null;
    pricingBillable: number | null;
    metaConversationId: string | null;
    metaConversationOrigin: string | null;
    metaConversationExpiresAt: number | null;
    bizOpaqueCallbackData: string | null;
    /** The campaign that sent this message, and its recipient's attempt id (null otherwise). */
    campaignId: string | null;
    attemptId: string | null;
    mediaId: string | null;
    mediaMime: string | null;
    mediaSha256: string | null;
    mediaFilename: string | null;
    mediaStatus: string | null;
    mediaPath: string | null;
    mediaSize: number | null;
    mediaError: string | null;
    /** Meta's own timestamp of an inbound message (ms). */
    sentByMetaAt: number | null;
    /** `message`, or `note`: the team's internal note, never sent. */
    kind: Generated<string>;
    /** The user who wrote a note or sent a reply from the inbox. */
    authorUserId: Generated<string | null>;
    /** The sending client's id of an inbox send: a repeated request finds the first. */
    clientId: Generated<string | null>;
    createdAt: number;
    updatedAt: number;
  };
  /** The team's labels on a conversation (free text, one row per label). */
  conversationLabels: {
    conversationId: string;
    label: string;
    createdAt: number;
  };
  pendingStatuses: {
    wamid: string;
    status: string;
    /** The status object as Meta sent it, JSON. */
    payload: string;
    bizOpaqueCallbackData: string | null;
    receivedAt: number;
  };
}
