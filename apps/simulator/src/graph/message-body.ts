import { z } from 'zod';
import {
  markReadRequestSchema,
  sendMessageRequestSchema,
  type MarkReadRequest,
  type SendMessageRequest,
} from '@kiana/contracts';
import { MetaError } from './errors';

// Validation of a send body the way Meta answers it: structural problems → 100, a missing
// payload object → 131008, values out of range → 131009 (NOTES §1, §2.4).

const knownTypes = new Set(sendMessageRequestSchema.options.map((o) => o.shape.type.value));

const buttonAction = z.object({
  buttons: z
    .array(
      z.object({
        type: z.literal('reply'),
        reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
      }),
    )
    .min(1)
    .max(3)
    .refine(
      (b) => new Set(b.map((x) => x.reply.title)).size === b.length,
      'button titles must be unique',
    ),
});

const listAction = z.object({
  button: z.string().min(1).max(20),
  sections: z
    .array(
      z.object({
        title: z.string().max(24).optional(),
        rows: z
          .array(
            z.object({
              id: z.string().min(1).max(200),
              title: z.string().min(1).max(24),
              description: z.string().max(72).optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1)
    .max(10)
    // Rows are limited to 10 across all sections (pywa callback.py, NOTES §1.2).
    .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10, 'at most 10 rows in total')
    .refine(
      (s) => s.length === 1 || s.every((x) => x.title !== undefined),
      'sections need titles when more than one',
    ),
});

export type ParsedBody =
  { kind: 'send'; body: SendMessageRequest } | { kind: 'read'; body: MarkReadRequest };

/** Parses a `POST /{phone-number-id}/messages` body or throws Meta's error for it. */
export function parseMessageBody(raw: unknown): ParsedBody {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new MetaError(100, 'Request body must be a JSON object');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.messaging_product !== 'whatsapp') {
    throw new MetaError(100, 'The parameter messaging_product is required and must be "whatsapp".');
  }
  if (obj.status !== undefined) {
    const read = markReadRequestSchema.safeParse(obj);
    if (!read.success) throw fromZod(read.error);
    return { kind: 'read', body: read.data };
  }
  if (typeof obj.to !== 'string' || obj.to.length === 0) {
    throw new MetaError(100, 'The parameter to is required.');
  }
  // `type` is optional and defaults to text (Meta's docs; S1 "Send Text Message with Preview URL").
  const type = obj.type ?? 'text';
  if (typeof type !== 'string' || !knownTypes.has(type as SendMessageRequest['type'])) {
    throw new MetaError(100, `Param type must be one of {${[...knownTypes].join(', ')}}`);
  }
  if (obj[type] === undefined) throw new MetaError(131008, `Parameter '${type}' is required.`);
  const parsed = sendMessageRequestSchema.safeParse(
    obj.type === undefined ? { ...obj, type } : obj,
  );
  if (!parsed.success) throw fromZod(parsed.error);
  const body = parsed.data;
  if (body.type === 'interactive') checkInteractive(body.interactive.type, body.interactive.action);
  return { kind: 'send', body };
}

function checkInteractive(type: string, action: unknown): void {
  const schema = type === 'button' ? buttonAction : type === 'list' ? listAction : undefined;
  if (schema === undefined) return;
  const result = schema.safeParse(action);
  if (!result.success) throw fromZod(result.error, 'interactive.action');
}

function fromZod(error: z.ZodError, prefix?: string): MetaError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])].filter((p) => p !== undefined).join('.');
  const details = `${path === '' ? 'body' : path}: ${issue?.message ?? 'invalid'}`;
  const isRange = issue !== undefined && ['too_big', 'too_small', 'custom'].includes(issue.code);
  return new MetaError(isRange ? 131009 : 100, details);
}
