import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asciiJson, signature, signingKey } from './signing';

// The test vectors of NOTES §3.3: compact, ASCII-escaped JSON of the fixtures, signed with
// the simulator's default app secret.

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../spec/examples/${name}`, import.meta.url), 'utf8'));
const key = signingKey('sim_app_secret_123');

describe('webhook signing', () => {
  it('matches the inbound text vector, escaping non-ASCII as lowercase \\u sequences', () => {
    const body = Buffer.from(asciiJson(fixture('webhook_inbound_text.json')));
    expect(body.length).toBe(519);
    expect(body.toString()).toContain(
      'Ol\\u00e1! \\u00bfTienen env\\u00edo gratis? \\ud83d\\ude9a',
    );
    expect(signature(key, body)).toBe(
      'sha256=7fcb183420e1a1e36ae9e6be57867c2c478a7dedd2feb4da0c7fc74dc315b944',
    );
  });

  it('matches the statuses batch vector', () => {
    const body = Buffer.from(asciiJson(fixture('webhook_statuses_batch.json')));
    expect(body.length).toBe(1638);
    expect(signature(key, body)).toBe(
      'sha256=4c29f62e9b8dc62bc3d4b711a37a9336c377f45ce12151049e0cd54c6e056288',
    );
  });

  it('differs from a signature over raw UTF-8 (re-serialising breaks verification)', () => {
    const value = fixture('webhook_inbound_text.json');
    const utf8 = Buffer.from(JSON.stringify(value), 'utf8');
    expect(signature(key, utf8)).not.toBe(signature(key, Buffer.from(asciiJson(value))));
    expect(signature(key, utf8).startsWith('sha256=a606aae9')).toBe(true);
  });
});
