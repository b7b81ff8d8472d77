import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimulatorControl } from './control';

// /_sim/ routes that make "Meta" raise account-level events on demand: template quality,
// category and pauses, messaging-limit/account/display-name updates, group events, and the
// simulated clock behind media expiry and management budgets.

type IdParams = { Params: { id: string } };

const qualityBody = z.object({
  score: z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']),
  pause: z.boolean().optional(),
});
const categoryBody = z.object({
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  impending: z.boolean().optional(),
});
const accountUpdateBody = z.looseObject({
  event: z.string().min(1),
  wabaId: z.string().optional(),
});
const nameUpdateBody = z.object({
  decision: z.enum(['APPROVED', 'REJECTED', 'DEFERRED', 'PENDING']),
  requestedName: z.string().min(1).optional(),
  rejectionReason: z.string().nullable().optional(),
});
const groupEventBody = z.object({
  field: z.string().regex(/^group_/),
  phoneNumberId: z.string().optional(),
  group: z.looseObject({ group_id: z.string().min(1), type: z.string().min(1) }),
});

/** Registers the event and clock routes of the control API. */
export function registerEventRoutes(app: FastifyInstance, control: SimulatorControl): void {
  app.post<IdParams>('/_sim/templates/:id/quality', async (request) => {
    const { score, pause } = qualityBody.parse(request.body);
    return control.setTemplateQuality({ id: request.params.id }, score, { pause });
  });
  app.post<IdParams>('/_sim/templates/:id/category', async (request) => {
    const { category, impending } = categoryBody.parse(request.body);
    return control.setTemplateCategory({ id: request.params.id }, category, { impending });
  });
  app.post<IdParams>('/_sim/templates/:id/pause', async (request) =>
    control.pauseTemplate({ id: request.params.id }),
  );
  app.post<IdParams>('/_sim/templates/:id/unpause', async (request) =>
    control.unpauseTemplate({ id: request.params.id }),
  );
  app.post<IdParams>('/_sim/templates/:id/pace', async (request) =>
    control.paceTemplate({ id: request.params.id }),
  );
  app.post<IdParams>('/_sim/templates/:id/release-pacing', async (request) => ({
    released: control.releasePacing({ id: request.params.id }),
  }));
  app.post('/_sim/account-update', async (request) => {
    const { wabaId, ...input } = accountUpdateBody.parse(request.body);
    return control.accountUpdate(input, wabaId);
  });
  app.post<IdParams>('/_sim/numbers/:id/name-update', async (request) => {
    const body = nameUpdateBody.parse(request.body);
    return control.phoneNameUpdate(request.params.id, {
      decision: body.decision,
      ...(body.requestedName !== undefined ? { requestedName: body.requestedName } : {}),
      ...(body.rejectionReason !== undefined ? { rejectionReason: body.rejectionReason } : {}),
    });
  });
  app.post('/_sim/groups/events', async (request) => {
    const { field, group, phoneNumberId } = groupEventBody.parse(request.body);
    return control.groupEvent(field, group, phoneNumberId);
  });
  app.get('/_sim/clock', async () => ({ now: control.clockNow() }));
  app.post('/_sim/clock/advance', async (request) => {
    const { ms } = z.object({ ms: z.number().int().min(0) }).parse(request.body);
    return { now: control.advanceClock(ms) };
  });
  app.post('/_sim/clock/set', async (request) => {
    const { now } = z.object({ now: z.number().int().min(0) }).parse(request.body);
    return { now: control.setClock(now) };
  });
  app.put('/_sim/clock', async (request) => {
    const { scale } = z.object({ scale: z.number().positive() }).parse(request.body);
    control.setTimeScale(scale);
    return { now: control.clockNow(), scale };
  });
}
