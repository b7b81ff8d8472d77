import { describe, expect, it } from 'vitest';
import { createIntakeHandlers, type IntakeHandler } from './webhooks.intake';

const handler = (name: string, fields: string[], after?: string[]): IntakeHandler => ({
  name,
  fields,
  after,
  apply: () => Promise.resolve(),
});

describe('intake handler registry', () => {
  it('lists handlers in registration order and knows the fields they apply', () => {
    const intake = createIntakeHandlers();
    intake.register(handler('b', ['messages']));
    intake.register(handler('a', ['messages', 'user_preferences']));
    expect(intake.list().map((x) => x.name)).toEqual(['b', 'a']);
    expect(intake.handles('user_preferences')).toBe(true);
    expect(intake.handles('calls')).toBe(false);
  });

  it('refuses a name registered twice and a registration after intake started', () => {
    const intake = createIntakeHandlers();
    intake.register(handler('a', ['messages']));
    expect(() => intake.register(handler('a', ['calls']))).toThrow(/twice/);
    intake.list();
    expect(() => intake.register(handler('late', ['calls']))).toThrow(
      /after webhook intake started/,
    );
  });

  it('refuses a handler registered before the handlers it must run after', () => {
    const intake = createIntakeHandlers();
    expect(() => intake.register(handler('contacts', ['messages'], ['conversations']))).toThrow(
      /contacts must be registered after conversations/,
    );
    intake.register(handler('conversations', ['messages']));
    intake.register(handler('contacts', ['messages'], ['conversations']));
    expect(intake.list().map((x) => x.name)).toEqual(['conversations', 'contacts']);
  });
});
