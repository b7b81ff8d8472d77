import { z } from 'zod';
import { defineJobKind, type JobKind } from '../../platform/jobs/jobs.kind';
import type { JobQueue } from '../../platform/jobs/jobs.queue';
import type { IntakeHandler } from '../webhooks/webhooks.intake';
import type { AutomationsService } from './automations.service';

const inboundPayload = z.object({ messageId: z.string().min(1) });

/** One inbound message's automations; its decisions commit with the job's completion. */
export function inboundJobKind(
  automations: () => AutomationsService,
): JobKind<typeof inboundPayload> {
  return defineJobKind({
    kind: 'automations.inbound',
    payload: inboundPayload,
    maxAttempts: 5,
    run: (p, ctx) => automations().handleInbound(p.messageId, (fn) => ctx.commit(fn)),
  });
}

/**
 * Reacts to inbound messages inside the webhook's intake transaction by enqueuing one job
 * per new message (keyed by it): nothing slow, and never a call to Meta, in the webhook path.
 */
export function automationsIntakeHandler(
  jobs: Pick<JobQueue, 'enqueue'>,
  kind: JobKind<typeof inboundPayload>,
): IntakeHandler {
  return {
    name: 'automations.inbound',
    fields: ['messages'],
    after: ['conversations.messages'],
    async apply(tx, _changes, context) {
      for (const r of context.received)
        await jobs.enqueue(
          kind,
          { messageId: r.messageId },
          { ex: tx, key: `automations.inbound:${r.messageId}` },
        );
    },
  };
}
