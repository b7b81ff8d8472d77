import { describe, expect, it } from 'vitest';
import { sanitizeDetails } from './audit.service';

describe('audit details and CSV', () => {
  it('never stores a field named like a secret, whatever its value', () => {
    const out = sanitizeDetails({
      accessToken: 'EAAG-real-token',
      appSecret: 'abc',
      password: 'hunter2',
      totpCode: '123456',
      name: 'CRM',
      count: 3,
      skipped: undefined,
    });
    expect(out).toEqual({
      accessToken: '[redacted]',
      appSecret: '[redacted]',
      password: '[redacted]',
      totpCode: '[redacted]',
      name: 'CRM',
      count: 3,
    });
  });

  it('truncates long text', () => {
    expect(String(sanitizeDetails({ note: 'x'.repeat(2000) }).note)).toHaveLength(500);
  });
});
