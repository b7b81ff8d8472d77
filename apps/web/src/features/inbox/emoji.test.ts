import { describe, expect, it } from 'vitest';
import { composerEmoji, insertAt } from './emoji';

describe('inserting an emoji in the composer', () => {
  it('puts it at the caret and moves the caret after it', () => {
    expect(insertAt('Hello world', '👋', 5)).toEqual({ text: 'Hello👋 world', caret: 7 });
  });
  it('replaces the selection', () => {
    expect(insertAt('I like it', '❤️', 2, 6)).toEqual({ text: 'I ❤️ it', caret: 4 });
  });
  it('clamps a caret past the end', () => {
    expect(insertAt('Hi', '🙂', 99)).toEqual({ text: 'Hi🙂', caret: 4 });
  });
  it('has one name key per emoji', () => {
    const keys = composerEmoji.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
