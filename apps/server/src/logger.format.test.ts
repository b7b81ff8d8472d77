import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat, loadConfig } from './config';
import { createLogger } from './logger';

function capture(format: 'json' | 'pretty'): {
  lines: () => string[];
  log: ReturnType<typeof createLogger>;
} {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const log = createLogger('info', out, format);
  return {
    log,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
  };
}

describe('log format', () => {
  it('is JSON in production and readable in demo and development', () => {
    expect(loadConfig({}).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ KIANA_DEMO: '1' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
  });

  it('lets LOG_FORMAT override the choice either way', () => {
    expect(chooseLogFormat('json', true, 'development')).toBe('json');
    expect(chooseLogFormat('pretty', false, 'production')).toBe('pretty');
    expect(loadConfig({ KIANA_DEMO: '1', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('writes one JSON object per line in json format', () => {
    const { log, lines } = capture('json');
    log.info({ accountId: 'a1' }, 'sent');
    const [line] = lines();
    expect(JSON.parse(line ?? '')).toMatchObject({ msg: 'sent', accountId: 'a1', level: 30 });
  });

  it('writes readable, still redacted lines in pretty format', () => {
    const { log, lines } = capture('pretty');
    log.info({ accessToken: 'EAAG-secret' }, 'sent');
    const text = lines().join('\n');
    expect(text).toMatch(/INFO.*sent/);
    expect(() => JSON.parse(lines()[0] ?? '')).toThrow();
    expect(text).not.toContain('EAAG-secret');
    expect(text).toContain('[redacted]');
  });
});
