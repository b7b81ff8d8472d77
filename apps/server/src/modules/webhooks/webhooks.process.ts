import type { WebhookEnvelope } from '@kiana/contracts';
import type { EventBus } from '../../events/bus';
import type { Executor } from '../../db/executor';
import type { WebhookEventStatus } from './webhooks.repo';
import { delegatedFields, type WebhookFieldHandlers } from './webhooks.directory';
import { createIntakeContext, type IntakeChange, type IntakeHandlers } from './webhooks.intake';

/** One stored event ready for processing. */
export interface ProcessableEvent {
  id: string;
  accountId: string | null;
  envelope: WebhookEnvelope;
}

/** How processing left an event: `pending` means delegated changes still to run. */
export interface InlineOutcome {
  status: Extract<WebhookEventStatus, 'processed' | 'flagged' | 'pending'>;
  error: string | null;
}

/** What happens once the transaction has committed: bus events, media downloads… */
export type Effects = ((bus: EventBus) => void)[];

export interface ProcessDeps {
  /** Applied inside the intake transaction, registered by other modules. */
  intake: IntakeHandlers;
  /** Applied after the commit, outside any transaction. */
  handlers: WebhookFieldHandlers;
}

const delegated = new Set<string>(delegatedFields);
const MAX_NOTES = 5;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/**
 * Applies the changes of many events inside the caller's transaction: each registered
 * intake handler, in registration order, receives every change of its fields in the batch
 * (so statuses are applied in one pass). Malformed elements are skipped and flag their
 * event; a handler that throws fails the batch, and the caller falls back to one event at
 * a time.
 */
export async function applyInline(
  ex: Executor,
  events: readonly ProcessableEvent[],
  deps: ProcessDeps,
): Promise<{ outcomes: Map<string, InlineOutcome>; effects: Effects }> {
  const handlers = deps.intake.list();
  const { context, notes, effects } = createIntakeContext(MAX_NOTES);
  const deferred = new Set<string>();
  const changes: IntakeChange[] = [];

  for (const event of events) {
    for (const entry of event.envelope.entry) {
      for (const change of entry.changes) {
        if (delegated.has(change.field)) {
          if (deps.handlers[change.field] === undefined)
            context.note(event.id, `no handler for field ${change.field}`);
          else deferred.add(event.id);
          continue;
        }
        if (!deps.intake.handles(change.field)) {
          // Stored and shown, never refused: a non-200 would only make Meta retry it for days.
          context.note(event.id, `unknown field ${change.field.slice(0, 80)}`);
          continue;
        }
        const value = obj(change.value);
        if (value === null) {
          context.note(event.id, `${change.field}: value is not an object`);
          continue;
        }
        for (const err of arr(value.errors)) {
          const o = obj(err);
          context.note(
            event.id,
            `Meta reported error ${String(o?.code ?? '?')}: ${String(o?.title ?? o?.message ?? '')}`.slice(
              0,
              200,
            ),
          );
        }
        changes.push({
          eventId: event.id,
          accountId: event.accountId,
          wabaId: entry.id,
          field: change.field,
          value,
        });
      }
    }
  }

  for (const handler of handlers) {
    const mine = changes.filter((c) => handler.fields.includes(c.field));
    if (mine.length > 0) await handler.apply(ex, mine, context);
  }

  const outcomes = new Map<string, InlineOutcome>();
  for (const event of events) {
    const list = notes.get(event.id);
    const error = list === undefined ? null : list.join('; ');
    outcomes.set(event.id, {
      status: deferred.has(event.id) ? 'pending' : error === null ? 'processed' : 'flagged',
      error,
    });
  }
  return { outcomes, effects };
}

/** Runs the changes owned by other modules (templates, numbers, account); outside any transaction. */
export async function runDelegated(
  event: ProcessableEvent,
  handlers: WebhookFieldHandlers,
): Promise<string[]> {
  const errors: string[] = [];
  for (const entry of event.envelope.entry) {
    for (const change of entry.changes) {
      const handler = handlers[change.field];
      if (!delegated.has(change.field) || handler === undefined) continue;
      try {
        await handler(entry.id, change.value);
      } catch (e) {
        errors.push(`${change.field}: ${errText(e)}`);
      }
    }
  }
  return errors;
}
