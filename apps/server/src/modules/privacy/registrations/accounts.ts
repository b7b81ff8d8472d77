import { registerPersonalDataFallback } from '../data-registry';

/** WhatsApp Business accounts, numbers and their health: the business's own data. */
export function registerAccountsTables(): void {
  registerPersonalDataFallback(
    {
      table: 'wa_accounts',
      module: 'accounts',
      classification: 'secret',
      description:
        'WhatsApp Business Accounts with encrypted access token, app secret and verify token.',
    },
    {
      table: 'wa_phone_numbers',
      module: 'accounts',
      classification: 'none',
      description: "The business's own sending numbers and their quality and limits.",
    },
    {
      table: 'wa_health_events',
      module: 'accounts',
      classification: 'none',
      description: 'History of number quality, limit and status changes.',
    },
    {
      table: 'wa_webhook_health',
      module: 'accounts',
      key: 'key',
      classification: 'none',
      description: 'When webhooks last arrived per account.',
    },
  );
}
