/**
 * Events of the shared inbox (notifications only: the screens re-read what changed).
 * `conversations.changed`: the team changed a conversation (assignee, state, labels, read);
 * `conversations.message`: a note or an inbox send was stored or its send answered.
 */
declare module '../../events/bus' {
  interface EventMap {
    'conversations.changed': { conversationId: string; change: string };
    'conversations.message': { conversationId: string; messageId: string; status: string };
  }
}

export {};
