import type { WebhookEventStatus } from '@kiana/contracts';

/** Badge colour of each processing result. */
export const statusColor: Record<WebhookEventStatus, string> = {
  processed: 'green',
  pending: 'blue',
  flagged: 'yellow',
  failed: 'red',
};
