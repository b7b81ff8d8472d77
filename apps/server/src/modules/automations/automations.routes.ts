import { z } from 'zod';
import {
  agentAvailabilityListSchema,
  agentIdParamsSchema,
  automationSettingsSchema,
  availabilityBodySchema,
} from '@kiana/contracts';
import type { ZodApp } from '../../http/types';
import { auditContext } from '../../http/principal';
import type { AutomationsService } from './automations.service';

const tags = ['Inbox automations'];
const manage = { access: 'settings.manage' } as const;

/** Settings → Automations: the automations' settings and who takes auto-assigned conversations. */
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
}
