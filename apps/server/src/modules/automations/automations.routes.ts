import { z } from 'zod';
import {
  agentAvailabilityListSchema,
  agentIdParamsSchema,
  automationSettingsSchema,
  availabilityBodySchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext, principalOf } from '../../http/principal';
import type { AutomationsService } from './automations.service';

const tags = ['Inbox automations'];
const manage = { access: 'settings.manage' } as const;

/**
 * Settings → Automations: the automations' settings and who takes auto-assigned conversations;
 * for the team, who is online and each agent's own online / away switch.
 */
export function automationsRoutes(app: ZodApp, automations: AutomationsService): void {
  app.get(
    '/automations/settings',
    {
      config: manage,
      schema: {
        tags,
        description: 'Every inbox automation and its settings (each on or off).',
        response: { 200: automationSettingsSchema },
      },
    },
    async () => automations.getSettings(),
  );
  app.put(
    '/automations/settings',
    {
      config: manage,
      schema: {
        tags,
        description: 'Saves every inbox automation at once (audited).',
        body: automationSettingsSchema,
        response: { 200: automationSettingsSchema },
      },
    },
    async (request) => automations.saveSettings(request.body, auditContext(request)),
  );
  app.get(
    '/automations/agents',
    {
      config: manage,
      schema: {
        tags,
        description:
          'Team members who can reply, whether they take auto-assigned conversations, and their open conversations.',
        response: { 200: agentAvailabilityListSchema },
      },
    },
    async () => ({ agents: await automations.agents() }),
  );
  app.put(
    '/automations/agents/:userId/availability',
    {
      config: manage,
      schema: {
        tags,
        description: 'Marks a team member available (online) for round-robin assignment, or not.',
        params: agentIdParamsSchema,
        body: availabilityBodySchema,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await automations.setAvailability(
        request.params.userId,
        request.body.isAvailable,
        auditContext(request),
      );
      return { ok: true as const };
    },
  );
  app.get(
    '/inbox/agents',
    {
      config: { access: 'conversations.read' },
      schema: {
        tags,
        description:
          'The team as the inbox shows it beside assignees: each member who can reply, online or away, and their open conversations.',
        response: { 200: agentAvailabilityListSchema },
      },
    },
    async () => ({ agents: await automations.agents() }),
  );
  app.put(
    '/inbox/availability',
    {
      config: { access: 'conversations.reply' },
      schema: {
        tags,
        description:
          'The signed-in agent sets themself online or away (audited). Round-robin assignment gives new conversations only to agents who are online and signed in.',
        body: availabilityBodySchema,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      await automations.setOwnAvailability(
        p.kind === 'user' ? p.id : null,
        request.body.isAvailable,
        auditContext(request),
      );
      return { ok: true as const };
    },
  );
}
