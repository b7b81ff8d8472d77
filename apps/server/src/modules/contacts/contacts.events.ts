/** Events the contacts module publishes. */
declare module '../../events/bus' {
  interface EventMap {
    'contacts.consent': {
      contactId: string;
      optedOut: boolean;
      source: string;
      at: number;
    };
  }
}

export {};
