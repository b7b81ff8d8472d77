/**
 * Events of the inbox automations: `agents.availability`, a team member went online or away
 * (the inbox shows it beside assignees).
 */
declare module '../../events/bus' {
  interface EventMap {
    'agents.availability': { userId: string; isAvailable: boolean };
  }
}

export {};
