/**
 * Events of the shared inbox (notifications only: the screens re-read what changed).
 * `conversations.changed`: the team changed a conversation (assignee, state, labels, read);
 * `conversations.message`: a note or an inbox send was stored or its send answered;
 * `conversations.typing`: an agent types in (or stopped) a conversation, for the collision
 * warning — ephemeral, never stored nor replayed.
 */
declare module '../../events/bus' {
  interface EventMap {
    'conversations.changed': { conversationId: string; change: string };
    'conversations.message': { conversationId: string; messageId: string; status: string };
    'conversations.typing': {
      conversationId: string;
      userId: string;
      displayName: string;
      isTyping: boolean;
    };
  }
}

export {};
