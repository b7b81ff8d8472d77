import { registerPersonalDataFallback } from '../data-registry';

/** The inbox: threads, messages (with media files on disk) and statuses waiting for their message. */
export function registerConversationsTables(): void {
  registerPersonalDataFallback(
    {
      table: 'conversations',
      module: 'conversations',
      classification: 'personal',
      description: 'A thread with one contact: times, window, unread count.',
      subject: [{ by: 'contactId', column: 'contact_id' }],
      erase: { mode: 'delete' },
      export: { name: 'conversations' },
      retention: { class: 'messages_media', column: 'last_message_at' },
    },
    {
      table: 'messages',
      module: 'conversations',
      classification: 'personal',
      description:
        'Messages in and out: text, media, payload as sent or received, delivery statuses.',
      subject: [
        { by: 'contactId', column: 'contact_id' },
        { by: 'parent', column: 'conversation_id', table: 'conversations' },
      ],
      erase: { mode: 'delete' },
      export: { name: 'messages', omit: ['payload'] },
      retention: { class: 'messages_media', column: 'created_at' },
      // conversations.media.ts stores downloads as <dataDir>/media/<message id>.
      file: { column: 'media_path', dir: 'media' },
    },
    {
      table: 'pending_statuses',
      module: 'conversations',
      key: 'wamid',
      classification: 'pseudonymous',
      description:
        "Status webhooks that arrived before their message; the payload holds the recipient's WhatsApp id.",
      subject: [{ by: 'contains', column: 'payload' }],
      erase: { mode: 'delete' },
      retention: { class: 'webhook_events', column: 'received_at' },
    },
  );
}
