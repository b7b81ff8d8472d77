import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failureCatalogue, findFailure } from '@kiana/contracts';
import { simulatedErrorCodes } from '../../../simulator/src/graph/errors';
import { classifiedErrorCodes, classifyGraphError, isRetryableClass } from './graph.classify';
import { graphErrorFromResponse } from './graph.errors';
import { knownFailureCodes } from './graph.failures';
import { describeGraphFailure, describeMetaCode } from './graph.failure-catalogue';

const simulatorSrc = fileURLToPath(new URL('../../../simulator/src', import.meta.url));

/** Codes written into the simulator's source where it raises or reports a Meta error. */
function codesInSimulatorSource(): number[] {
  const found = new Set<number>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.includes('.test.')) {
        const text = fs.readFileSync(full, 'utf8');
        // `new MetaError(131053, …)`, `errorEnvelope(100, …)`, `webhookError(131050)`,
        // `{ code: 100 }` in a hand-written envelope, and any 13xxxx / 80007-like literal
        // (failure codes chosen by settings, limiters and customers).
        const patterns = [
          /(?:MetaError|errorEnvelope|webhookError)\(\s*(\d+)/g,
          /\bcode:\s*(\d+)\b/g,
          /\b(13\d{4}|8000\d)\b/g,
        ];
        for (const re of patterns) for (const m of text.matchAll(re)) found.add(Number(m[1]));
      }
    }
  };
  walk(simulatorSrc);
  return [...found].sort((a, b) => a - b);
}

describe('failure catalogue', () => {
  it('knows every code the Graph client classifies', () => {
    expect(classifiedErrorCodes.filter((c) => findFailure(c) === undefined)).toEqual([]);
  });

  it('knows every code the simulator can emit', () => {
    const emitted = [...new Set([...simulatedErrorCodes, ...codesInSimulatorSource()])];
    expect(emitted.length).toBeGreaterThan(30);
    expect(emitted.filter((c) => findFailure(c) === undefined)).toEqual([]);
  });

  it('knows every code the failure advice covers', () => {
    expect(knownFailureCodes.filter((c) => findFailure(c) === undefined)).toEqual([]);
  });

  it('gives each code the category the Graph client classifies it as', () => {
    const mismatched = failureCatalogue.flatMap((e) =>
      [e.code, e.to ?? e.code]
        .filter((code) => findFailure(code) === e)
        .filter((code) => classifyGraphError({ code }) !== e.category)
        .map((code) => `${code}: ${e.category} ≠ ${classifyGraphError({ code })}`),
    );
    expect(mismatched).toEqual([]);
  });

  it('never calls a code final when the client retries it', () => {
    const wrong = failureCatalogue.filter((e) => isRetryableClass(e.category) && !e.retryable);
    expect(wrong.map((e) => e.code)).toEqual([]);
  });

  it('lists each exact code once and finds range members', () => {
    const exact = failureCatalogue.filter((e) => e.to === undefined).map((e) => e.code);
    expect(new Set(exact).size).toBe(exact.length);
    expect(findFailure(250)?.explanation).toBe('permission');
    expect(findFailure(132999)?.explanation).toBe('templateProblem');
    expect(findFailure(132015)?.explanation).toBe('templatePaused');
    expect(findFailure(2388040)?.action).toBe('fixTemplateDraft');
  });
});

describe('describeMetaCode', () => {
  it('describes a known code with its i18n keys', () => {
    expect(describeMetaCode(131026)).toEqual({
      code: 131026,
      isKnown: true,
      category: 'permanent',
      retryable: false,
      title: 'Message undeliverable',
      explanationKey: 'failures.explanation.undeliverable',
      actionKey: 'failures.action.skipNumber',
    });
  });

  it('describes an unknown code generically, naming the code', () => {
    expect(describeMetaCode(999_999)).toMatchObject({
      code: 999_999,
      isKnown: false,
      category: null,
      retryable: false,
      explanationKey: 'failures.unknownExplanation',
    });
    expect(describeMetaCode(null)).toBeNull();
  });

  it('describes a failed Graph call by its Meta code', () => {
    const error = graphErrorFromResponse({ method: 'POST', path: '/v23.0/1/messages' }, 429, {
      error: { message: '(#130429) Rate limit hit', code: 130429 },
    });
    expect(describeGraphFailure(error)).toMatchObject({ category: 'throttled', retryable: true });
    const noEnvelope = graphErrorFromResponse({ method: 'GET', path: '/x' }, 502, 'Bad gateway');
    expect(describeGraphFailure(noEnvelope)).toBeNull();
  });
});
