/** Events the templates module publishes (SSE; campaigns react to PAUSED / DISABLED). */
declare module '../../events/bus' {
  interface EventMap {
    'templates.changed': {
      accountId: string;
      templateId: string | null;
      name: string;
      language: string | null;
      change: 'synced' | 'submitted' | 'status' | 'quality' | 'category' | 'deleted';
      status: string | null;
    };
  }
}

export {};
