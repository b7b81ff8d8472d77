import type { EventBus, EventMap, EventName } from '../../events/bus';
import type { Executor } from '../../db/executor';

/**
 * The handlers that apply webhook changes inside the intake transaction. Other modules
 * register theirs from their factories (conversations: statuses and inbound messages;
 * contacts: opt-outs and revealed numbers), so the webhooks module stores and dispatches
 * without knowing them. A handler's writes commit with the stored event or not at all
 * (docs/CONVENTIONS.md, "Work across processes").
 */

/** One change of a stored event, as a handler receives it. */
export interface IntakeChange {
  eventId: string;
  /** The account the change was attributed to (webhooks.attribution.ts). */
  accountId: string | null;
  /** `entry[].id`: the WABA id (NOTES §3.2). */
  wabaId: string;
  field: string;
  value: Record<string, unknown>;
}

/** An inbound message newly stored by this batch: what later handlers act on. */
export interface ReceivedMessage {
  eventId: string;
  messageId: string;
  /** The sender's phone (wa_id), null when Meta withholds it, and business-scoped user id. */
  waId: string | null;
  userId: string | null;
  /** Text a consent keyword may be in: a typed text or a quick-reply button. */
  keywordText: string | null;
  at: number;
  /** The account and business number it came in on (a keyword's confirmation goes back there). */
  accountId?: string | null;
  phoneNumberId?: string | null;
}

/** What a handler may do besides writing through `tx`. */
export interface IntakeContext {
  /** Flags the event with a note (a skipped malformed element); at most a few are kept. */
  note(eventId: string, text: string): void;
  /** Publishes on the bus once the transaction has committed; dropped if it rolls back. */
  publish<N extends EventName>(name: N, payload: EventMap[N]): void;
  /** Runs once the transaction has committed (e.g. schedules a download); dropped on rollback. */
  afterCommit(effect: () => void): void;
  /**
   * Inbound messages stored by this batch, in order: the handler that stores them appends,
   * handlers registered after it read them (a STOP keyword becomes an opt-out).
   */
  readonly received: ReceivedMessage[];
}

/** A module's part of webhook intake. */
export interface IntakeHandler {
  /** Unique; names the handler in errors and logs. */
  name: string;
  /** The change fields it applies, e.g. `messages`. */
  fields: readonly string[];
  /**
   * Handlers that must run before this one (it reads what they leave in the context, e.g.
   * `context.received`). Registering it before them is refused, so a wrong order in a
   * factory fails at start rather than silently skipping work.
   */
  after?: readonly string[];
  /**
   * Applies every change of `fields` in the batch (delivery order) inside the intake
   * transaction. Malformed elements are skipped with `context.note`; a throw rolls back the
   * whole batch, which is then stored and retried one event at a time.
   */
  apply(tx: Executor, changes: readonly IntakeChange[], context: IntakeContext): Promise<void>;
}

/**
 * Where modules register their intake handlers, once each from their factory; they run in
 * registration order, one after another, inside the one intake transaction.
 */
export interface IntakeRegistry {
  /**
   * Adds a handler. Refused with an error naming it: a name already registered (a factory
   * run twice against one registry), a handler whose `after` are not registered yet, and a
   * registration once intake has started (it would miss the events already applied).
   */
  register(handler: IntakeHandler): void;
}

/** The registry the webhooks service reads. */
export interface IntakeHandlers extends IntakeRegistry {
  /** Handlers in registration order. */
  list(): readonly IntakeHandler[];
  /** Whether some handler applies `field` inside the intake transaction. */
  handles(field: string): boolean;
}

/** Creates an empty registry; registration closes when intake first reads it. */
export function createIntakeHandlers(): IntakeHandlers {
  const handlers: IntakeHandler[] = [];
  const fields = new Set<string>();
  let isSealed = false;
  return {
    register(handler) {
      const { name } = handler;
      // A handler added after intake started would miss the events already applied.
      if (isSealed)
        throw new Error(`intake handler ${name} registered after webhook intake started`);
      if (handlers.some((h) => h.name === name))
        throw new Error(`intake handler ${name} registered twice; a module registers it once`);
      const missing = (handler.after ?? []).filter((a) => !handlers.some((h) => h.name === a));
      if (missing.length > 0)
        throw new Error(
          `intake handler ${name} must be registered after ${missing.join(', ')}, which it reads`,
        );
      handlers.push(handler);
      for (const f of handler.fields) fields.add(f);
    },
    list() {
      isSealed = true;
      return handlers;
    },
    handles: (field) => fields.has(field),
  };
}

/** Collects a batch's notes and after-commit effects for the handlers' context. */
export function createIntakeContext(maxNotes: number): {
  context: IntakeContext;
  notes: Map<string, string[]>;
  effects: ((bus: EventBus) => void)[];
} {
  const notes = new Map<string, string[]>();
  const effects: ((bus: EventBus) => void)[] = [];
  const context: IntakeContext = {
    note(eventId, text) {
      const list = notes.get(eventId) ?? [];
      if (list.length < maxNotes) list.push(text);
      notes.set(eventId, list);
    },
    publish(name, payload) {
      effects.push((bus) => bus.publish(name, payload));
    },
    afterCommit(effect) {
      effects.push(() => effect());
    },
    received: [],
  };
  return { context, notes, effects };
}
