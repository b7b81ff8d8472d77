import { registerPersonalData } from '../privacy/data-registry';

/** The inbox's own table in the privacy registry (threads and messages: privacy's registration). */
export function registerInboxTables(): void {
  registerPersonalData({
    table: 'conversation_labels',
    module: 'conversations',
    classification: 'personal',
    description:
      "The team's labels on a conversation: free text an agent typed, which may describe the customer.",
    // A label row has no key of its own: it goes with its conversation.
    key: 'conversation_id',
    subject: [{ by: 'parent', column: 'conversation_id', table: 'conversations' }],
    erase: { mode: 'delete' },
    export: { name: 'conversation_labels' },
    retention: { class: 'messages_media', column: 'created_at' },
  });
  registerPersonalData({
    table: 'canned_replies',
    module: 'conversations',
    classification: 'none',
    description:
      "The team's canned replies: a shortcut and text with placeholders, written by admins for any customer.",
  });
}
