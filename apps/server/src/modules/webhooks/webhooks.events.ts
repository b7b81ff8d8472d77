/** Events the webhook receiver publishes; the webhook log page updates live from them. */
declare module '../../events/bus' {
  interface EventMap {
    'webhooks.event': {
      id: string;
      receivedAt: number;
      field: string;
      accountId: string | null;
      status: string;
      error: string | null;
      itemCount: number;
    };
    'webhooks.signature_failure': {
      at: number;
      accountId: string | null;
    };
  }
}

export {};
