import type { z } from 'zod';
import {
  markReadRequestSchema,
  sendMessageRequestSchema,
  type MarkReadRequest,
  type SendMessageRequest,
} from '@kiana/contracts';
import { MetaError } from './errors';
import { bodyRequired, headerProblem, interactiveActions } from './interactive-body';

// Validation of a send body the way Meta answers it: structural problems → 100, a missing
// payload object → 131008, values out of range → 131009 (NOTES §1, §2.4).

const knownTypes = new Set(sendMessageRequestSchema.options.map((o) => o.shape.type.value));

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
  // `to` (phone number) or, since 2026, `recipient` (business-scoped user id) (NOTES §1.1).
  const hasTo = typeof obj.to === 'string' && obj.to.length > 0;
  const hasRecipient = typeof obj.recipient === 'string' && obj.recipient.length > 0;
  if (!hasTo && !hasRecipient) {
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
  if (body.type === 'interactive') checkInteractive(body.interactive);
  if (body.type === 'template') checkTemplateParams(body.template.components ?? []);
  return { kind: 'send', body };
}

function checkInteractive(interactive: {
  type: string;
  action: unknown;
  body?: unknown;
  header?: unknown;
}): void {
  const { type } = interactive;
  if (bodyRequired.has(type) && interactive.body === undefined)
    throw new MetaError(131008, `Parameter 'interactive.body' is required for ${type} messages.`);
  const header = headerProblem(type, interactive.header);
  if (header !== undefined) throw new MetaError(131009, `interactive.header: ${header}`);
  const schema = interactiveActions[type];
  if (schema === undefined) return;
  const result = schema.safeParse(interactive.action);
  if (!result.success) throw fromZod(result.error, 'interactive.action');
}

/**
 * Template text parameters cannot hold new lines, tabs or more than four consecutive spaces:
 * Meta refuses them with 132018 ("There was an issue with the parameters in your template",
 * details "Param text cannot have new-line/tab characters or more than 4 consecutive spaces").
 */
function checkTemplateParams(components: { parameters?: unknown[] }[]): void {
  for (const c of components) {
    for (const p of c.parameters ?? []) {
      const text = (p as { type?: unknown; text?: unknown }).text;
      if (typeof text === 'string' && /[\n\t]| {5,}/.test(text))
        throw new MetaError(
          132018,
          'Param text cannot have new-line/tab characters or more than 4 consecutive spaces',
        );
    }
  }
}

function fromZod(error: z.ZodError, prefix?: string): MetaError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])].filter((p) => p !== undefined).join('.');
  const details = `${path === '' ? 'body' : path}: ${issue?.message ?? 'invalid'}`;
  const isRange = issue !== undefined && ['too_big', 'too_small', 'custom'].includes(issue.code);
  return new MetaError(isRange ? 131009 : 100, details);
}
