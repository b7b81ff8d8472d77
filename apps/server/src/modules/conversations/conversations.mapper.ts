import {
  failureKindSchema,
  messageStatusSchema,
  orderSchema,
  type Message,
} from '@kiana/contracts';
import { adviseFailure } from '../../whatsapp/graph.failures';
import type { MessageRow } from './conversations.repo';

function parseOrder(json: string | null): Message['order'] {
  if (json === null) return null;
  const parsed = orderSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/** A stored message as the API shows it: the order structured, a failure explained. */
export function toMessageDto(row: MessageRow, mediaUrl: string | null = null): Message {
  const status = messageStatusSchema.safeParse(row.status);
  const advice = row.errorCode === null ? null : adviseFailure(row.errorCode);
  // A failed parse builds a ZodError (tens of µs): most rows have no kind at all.
  const stored = row.failureKind === null ? null : failureKindSchema.safeParse(row.failureKind);
  const kind = stored?.success === true ? stored.data : (advice?.kind ?? 'unknown');
  return {
    id: row.id,
    conversationId: row.conversationId,
    wamid: row.wamid,
    direction: row.direction,
    type: row.type,
    text: row.text,
    status: status.success ? status.data : 'pending',
    sentAt: row.sentAt,
    deliveredAt: row.deliveredAt,
    readAt: row.readAt,
    playedAt: row.playedAt,
    failedAt: row.failedAt,
    error:
      row.errorCode === null || advice === null
        ? null
        : {
            code: row.errorCode,
            title: row.errorTitle ?? advice.title,
            message: row.errorMessage,
            details: row.errorDetails,
            kind,
            retryAfterAt: row.retryAfterAt,
            explanation: advice.explanation,
            action: advice.action,
          },
    order: parseOrder(row.orderJson),
    media:
      row.mediaStatus === null
        ? null
        : {
            status: row.mediaStatus,
            mimeType: row.mediaMime,
            size: row.mediaSize,
            url: mediaUrl,
          },
    createdAt: row.createdAt,
  };
}
