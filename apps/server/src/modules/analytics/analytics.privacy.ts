import { registerPersonalData } from '../privacy/data-registry';

/** The analytics tables in the privacy registry: counters and cursors, no person. */
export function registerAnalyticsTables(): void {
  registerPersonalData(
    {
      table: 'analytics_rollups',
      module: 'analytics',
      key: 'bucket_start',
      classification: 'aggregate',
      description:
        'Messages sent, delivered, read, failed, replied and received per hour and day, number, template, campaign, category and country (counters, no person).',
    },
    {
      table: 'analytics_failure_rollups',
      module: 'analytics',
      key: 'bucket_start',
      classification: 'aggregate',
      description:
        'Failed messages per Meta error code, per hour and day and dimension (counters).',
    },
    {
      table: 'analytics_marks',
      module: 'analytics',
      key: 'message_id',
      classification: 'aggregate',
      description:
        'What each message last added to the rollups (its bucket and counters, by our message id; no number, name or text).',
    },
    {
      table: 'analytics_campaign_hours',
      module: 'analytics',
      key: 'hour_start',
      classification: 'aggregate',
      description:
        'Per campaign and hour: messages sent, delivered and read and replies drawn in that hour (counters, no person).',
    },
    {
      table: 'analytics_cursors',
      module: 'analytics',
      key: 'name',
      classification: 'system',
      description:
        'Where the analytics fold stopped reading messages, and its watermark (every change up to that time is folded).',
    },
  );
}
