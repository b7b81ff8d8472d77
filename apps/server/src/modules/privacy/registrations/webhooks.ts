import { registerPersonalDataFallback } from '../data-registry';

/** Raw webhook bodies as Meta sent them. */
export function registerWebhooksTables(): void {
  registerPersonalDataFallback({
    table: 'webhook_events',
    module: 'webhooks',
    classification: 'personal',
    description: 'Signed webhook bodies: numbers, profile names, message texts and statuses.',
    subject: [
      { by: 'contains', column: 'raw' },
      { by: 'contains', column: 'search' },
    ],
    erase: { mode: 'delete' },
    retention: { class: 'webhook_events', column: 'received_at' },
  });
}
