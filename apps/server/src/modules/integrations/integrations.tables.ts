/** Outgoing webhooks: endpoints, the outbox of events, deliveries and their attempts. */
export interface IntegrationsTables {
  webhookEndpoints: {
    id: string;
    url: string;
    description: string | null;
    /** JSON array of outgoing event types. */
    events: string;
    /** Sealed with crypto/secrets, bound to the row. */
    secret: string;
    secretHint: string | null;
    /** enabled | disabled | auto_disabled */
    state: string;
    /** Start of the current run of failed attempts; null after a success. */
    failingSince: number | null;
    lastDeliveryAt: number | null;
    lastDeliveryStatus: string | null;
    createdAt: number;
    updatedAt: number;
  };
  /** The outbox: one row per event, written in the transaction of its cause. */
  outgoingEvents: {
    id: string;
    type: string;
    /** JSON of the event's data. */
    data: string;
    createdAt: number;
  };
  outgoingDeliveries: {
    id: string;
    endpointId: string;
    eventId: string;
    /** pending | delivered | failed */
    status: string;
    attempts: number;
    createdAt: number;
    lastAttemptAt: number | null;
  };
  outgoingAttempts: {
    id: string;
    deliveryId: string;
    at: number;
    httpStatus: number | null;
    error: string | null;
    responseExcerpt: string | null;
    latencyMs: number;
  };
}
