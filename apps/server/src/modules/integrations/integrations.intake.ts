import type { IntakeHandler } from '../webhooks/webhooks.intake';
import type { OutgoingEvent } from '@kiana/contracts';
import type { IntegrationsService } from './integrations.service';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Outgoing events of webhook intake, in the intake transaction: each inbound message the
 * conversations handler stored (`context.received`), and each status Meta reported.
 */
export function integrationsIntakeHandler(service: IntegrationsService): IntakeHandler {
  return {
    name: 'integrations.outgoing',
    fields: ['messages'],
    after: ['conversations.messages'],
    async apply(tx, changes, context) {
      const events: OutgoingEvent[] = context.received.map((m) => ({
        type: 'message.received',
        data: {
          messageId: m.messageId,
          waId: m.waId,
          userId: m.userId,
          text: m.keywordText,
          at: m.at,
        },
      }));
      for (const { value } of changes)
        for (const s of arr(value.statuses)) {
          const status = s as Record<string, unknown>;
          const id = str(status.id);
          const state = str(status.status);
          if (id === null || state === null) continue;
          events.push({
            type: 'message.status',
            data: {
              waMessageId: id,
              status: state,
              recipientId: str(status.recipient_id),
              at: Number(status.timestamp ?? 0) * 1000,
            },
          });
        }
      await service.emitOutgoingAll(tx, events);
    },
  };
}
