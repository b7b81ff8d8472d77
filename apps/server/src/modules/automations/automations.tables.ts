/** The inbox automations' own state (settings live in `settings`, firings in the thread). */
export interface AutomationsTables {
  /** A team member's availability for auto-assignment, and their place in the rotation. */
  agentAvailability: {
    userId: string;
    isAvailable: number;
    /** The rotation's counter when this agent was last given a conversation (0: never). */
    lastTurn: number;
    updatedAt: number;
  };
}
