import { registerPersonalData } from '../privacy/data-registry';

/** The call log holds the business's own ids (numbers, WABAs, media), never a recipient. */
export function registerApiLogTables(): void {
  registerPersonalData({
    table: 'graph_api_calls',
    module: 'api-log',
    classification: 'none',
    description:
      'Graph API calls: time, account, phone number id, method, path, status, Meta error code, duration, fbtrace id; no token, body or recipient.',
    retention: { class: 'graph_api_logs', column: 'at' },
  });
}
