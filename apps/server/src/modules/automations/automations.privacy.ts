import { registerPersonalData } from '../privacy/data-registry';

/** The automations' table; their firings are notes in `messages` (privacy's registration). */
export function registerAutomationsTables(): void {
  registerPersonalData({
    table: 'agent_availability',
    module: 'automations',
    key: 'user_id',
    classification: 'system',
    description:
      'Whether a team member takes auto-assigned conversations, and their turn in the rotation.',
  });
}
