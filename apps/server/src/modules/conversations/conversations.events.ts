/**
 * Events the conversations module publishes: the inbox and campaign pages subscribe to
 * them over SSE, and the campaigns module advances its recipients from `messages.status`.
 */
declare module '../../events/bus' {
  interface EventMap {
    'messages.status': {
      messageId: string;
      wamid: string;
      conversationId: string;
      status: string;
      bizOpaqueCallbackData: string | null;
    };
    'messages.received': {
      messageId: string;
      conversationId: string;
      contactId: string;
      type: string;
    };
    'messages.media': {
      messageId: string;
      mediaStatus: string;
    };
  }
}

export {};
