import { registerPersonalData } from '../privacy/data-registry';

/** What an audience holds once its typed numbers are erased (the rest names no person). */
const ERASED_AUDIENCE = JSON.stringify({ segmentIds: [], tagIds: [], numbers: [], uploadId: null });

/** The campaign tables in the privacy registry. */
export function registerCampaignTables(): void {
  registerPersonalData(
    {
      table: 'campaigns',
      module: 'campaigns',
      classification: 'personal',
      description:
        'A campaign: its settings, template, schedule and the people who made and approved it; the audience may list numbers typed by an operator.',
      // Typed numbers live in the audience JSON only until materialisation reads them; erasing
      // a person clears the typed list (the recipients table holds who actually received it).
      subject: [{ by: 'contains', column: 'audience_json' }],
      erase: { mode: 'anonymise', set: { audience_json: ERASED_AUDIENCE } },
    },
    {
      table: 'campaign_recipients',
      module: 'campaigns',
      classification: 'personal',
      description:
        'One recipient of a campaign: number, contact, resolved template parameters, send status, error and times.',
      subject: [
        { by: 'contactId', column: 'contact_id' },
        { by: 'phone', column: 'phone_e164' },
        { by: 'waId', column: 'wa_id' },
      ],
      erase: { mode: 'delete' },
      export: { name: 'campaigns_received', omit: ['lease_generation', 'attempt_id'] },
      retention: { class: 'campaign_recipients', column: 'created_at' },
    },
    {
      table: 'campaign_counts',
      module: 'campaigns',
      key: 'campaign_id',
      classification: 'aggregate',
      description: 'Recipients per status of a campaign (counters, no person).',
    },
    {
      table: 'campaign_send_log',
      module: 'campaigns',
      key: 'phone_number_id',
      classification: 'aggregate',
      description:
        'Messages sent per second per sending number and campaign (counters, no person).',
    },
    {
      table: 'portfolio_recipients',
      module: 'campaigns',
      key: 'phone_e164',
      classification: 'personal',
      description:
        'Numbers a business portfolio messaged first in the last day, for the rolling 24-hour messaging limit.',
      subject: [{ by: 'phone', column: 'phone_e164' }],
      erase: { mode: 'delete' },
      // Only the last 24 h matter; the dispatcher prunes older rows, and the retention purge
      // backs it up with the campaign recipients' period.
      retention: { class: 'campaign_recipients', column: 'last_business_initiated_at' },
    },
    {
      table: 'campaign_uploads',
      module: 'campaigns',
      classification: 'personal',
      description:
        'A CSV uploaded for a draft campaign (numbers and the columns its parameters read), in the file store until the audience is materialised.',
      file: { column: 'file_key' },
      handledElsewhere:
        'The file and its row are deleted once the campaign is materialised (the recipients table holds what was sent) or with the draft; an hourly purge deletes any a crash left behind.',
    },
    {
      table: 'rate_card',
      module: 'campaigns',
      classification: 'none',
      description: 'Per-message prices by country and pricing category, for cost estimates.',
    },
  );
}
