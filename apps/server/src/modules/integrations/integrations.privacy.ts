import { registerPersonalData } from '../privacy/data-registry';
import { registerSecretColumn } from '../../crypto/secrets';

registerSecretColumn({ table: 'webhook_endpoints', idColumn: 'id', column: 'secret' });

/** Outbox events carry numbers and message text; deliveries and attempts only ids and answers. */
export function registerIntegrationsTables(): void {
  registerPersonalData({
    table: 'webhook_endpoints',
    module: 'integrations',
    classification: 'secret',
    description: 'Outgoing webhook endpoints: URL, events, sealed signing secret, state.',
  });
  registerPersonalData({
    table: 'outgoing_events',
    module: 'integrations',
    classification: 'personal',
    description: 'Outbox of outgoing webhook events: type and data (may hold a number or text).',
    subject: [{ by: 'contains', column: 'data' }],
    erase: { mode: 'delete' },
    retention: { class: 'webhook_events', column: 'created_at' },
  });
  registerPersonalData({
    table: 'outgoing_deliveries',
    module: 'integrations',
    classification: 'system',
    description: 'One delivery of an outbox event to an endpoint: status and attempt count.',
  });
  registerPersonalData({
    table: 'outgoing_attempts',
    module: 'integrations',
    classification: 'system',
    description: 'Attempts of a delivery: HTTP status, a capped excerpt of the answer, latency.',
  });
}
